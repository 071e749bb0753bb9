package io.yardmaster.cost.attribution;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One YARN app as the RM reports it ({@code /ws/v1/cluster/apps}): its allocation totals so far,
 * which attribution spreads evenly over [launched, finished) (finished null: still running, so far
 * up to {@code observedAt}).
 *
 * @param tags the app's YARN tags as the RM reports them (JobTags: ym-job-, ym-team-, ym-dag-, ...)
 * @param finalStatus SUCCEEDED, FAILED, KILLED, or UNDEFINED while running
 */
public record AppUsage(
    String cluster,
    String appId,
    Instant started,
    Instant launched,
    @Nullable Instant finished,
    Instant observedAt,
    long vcoreSeconds,
    long memoryMbSeconds,
    long preemptedVcoreSeconds,
    long preemptedMemoryMbSeconds,
    List<String> tags,
    String queue,
    String user,
    String finalStatus) {}
