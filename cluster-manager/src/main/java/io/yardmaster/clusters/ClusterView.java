package io.yardmaster.clusters;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.core.registry.Sku;
import io.yardmaster.health.ClusterHealth;
import java.net.URI;
import java.time.Instant;
import java.util.List;

/**
 * A cluster as {@code GET /api/v1/clusters} shows it: configuration, state and live health. A team
 * sees what it needs to choose a target — the name, Spark version, tags, queues, whether it is
 * drained and the status of its peers; the peers' addresses, their error texts, the scale sets and
 * who drained the cluster are for admins (null for a team).
 */
@Serdeable
public record ClusterView(
    String name,
    @Nullable @Schema(description = "admin only") URI livyUrl,
    @Nullable @Schema(description = "admin only") URI resourceManagerUrl,
    @Nullable @Schema(description = "admin only") String graphitePrefix,
    @Nullable @Schema(description = "admin only") String graphiteQueue,
    String sparkVersion,
    List<String> tags,
    List<String> queues,
    @Nullable @Schema(description = "admin only") Limits limits,
    boolean drained,
    @Nullable @Schema(description = "admin only") Drain drain,
    ClusterHealth health,
    @Schema(description = "admin only: empty for a team") List<NodePoolView> nodePools) {

  public ClusterView {
    requireNonNull(name, "name is null");
    tags = List.copyOf(tags);
    queues = List.copyOf(queues);
    nodePools = List.copyOf(nodePools);
  }

  /** Who drained the cluster, when and why; absent while it takes jobs. */
  @Serdeable
  public record Drain(@Nullable String reason, @Nullable String drainedBy, Instant drainedAt) {}

  /** How much a cluster takes at once. */
  @Serdeable
  public record Limits(int maxStartingBatches, int maxRunningJobs) {}

  /** A node pool of the cluster. */
  @Serdeable
  public record NodePoolView(
      String name,
      String scaleSetId,
      Sku sku,
      String priority,
      int minNodes,
      int maxNodes,
      int preference) {
    static NodePoolView of(NodePoolConfig pool) {
      return new NodePoolView(
          pool.name(),
          pool.scaleSetId(),
          pool.sku(),
          pool.priority().wireName(),
          pool.minNodes(),
          pool.maxNodes(),
          pool.preference());
    }
  }

  static ClusterView of(
      ClusterConfig cluster,
      @Nullable ClusterState state,
      ClusterHealth health,
      List<NodePoolConfig> pools,
      boolean admin) {
    boolean drained = state != null && state.drained();
    if (!admin) {
      return new ClusterView(
          cluster.name(),
          null,
          null,
          null,
          null,
          cluster.sparkVersion(),
          cluster.tags(),
          cluster.queues(),
          null,
          drained,
          null,
          health.statusOnly(),
          List.of());
    }
    return new ClusterView(
        cluster.name(),
        cluster.livyUrl(),
        cluster.resourceManagerUrl(),
        cluster.graphitePrefix(),
        cluster.graphiteQueue(),
        cluster.sparkVersion(),
        cluster.tags(),
        cluster.queues(),
        new Limits(cluster.maxStartingBatches(), cluster.maxRunningJobs()),
        drained,
        drained ? new Drain(state.reason(), state.changedBy(), state.changedAt()) : null,
        health,
        pools.stream().map(NodePoolView::of).toList());
  }
}
