package io.yardmaster.clusters;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * What operators changed about a cluster at run time (configuration holds the rest): whether it is
 * drained, why, by whom and when. Stored so every replica agrees.
 */
@MappedEntity("cluster_state")
public record ClusterState(
    @Id String cluster,
    boolean drained,
    @Nullable String reason,
    @Nullable String changedBy,
    Instant changedAt) {
  public ClusterState {
    requireNonNull(cluster, "cluster is null");
    requireNonNull(changedAt, "changedAt is null");
  }
}
