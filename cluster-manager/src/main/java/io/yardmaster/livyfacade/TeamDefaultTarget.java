package io.yardmaster.livyfacade;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.api.JobTarget;
import java.util.List;

/**
 * Where a team's Livy batches go when their conf names no target, bound from {@code
 * yardmaster.livy-facade.teams.<team>.cluster / .tags / .spark-version}. A Livy client has no field
 * for a target, and a team that moves from its own Livy expects its batches on its cluster.
 */
@EachProperty("yardmaster.livy-facade.teams")
public record TeamDefaultTarget(
    @Parameter String name,
    @Nullable String cluster,
    @Nullable List<String> tags,
    @Nullable String sparkVersion) {
  JobTarget target() {
    return new JobTarget(cluster, tags, null, sparkVersion);
  }
}
