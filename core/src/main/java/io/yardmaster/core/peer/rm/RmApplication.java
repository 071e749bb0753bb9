package io.yardmaster.core.peer.rm;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Arrays;
import java.util.List;

/**
 * A YARN application as the ResourceManager's {@code /ws/v1/cluster/apps} reports it.
 *
 * @param applicationTags the tags, comma-separated as the RM writes them
 * @param startedTime when the app was submitted (epoch ms); the times, the queue, the user and the
 *     resource-seconds are null when the RM leaves them out
 * @param launchTime when its ApplicationMaster was launched (epoch ms; 0 if never)
 * @param finishedTime when it finished (epoch ms; 0 while running)
 * @param memorySeconds MB-seconds allocated so far
 * @param vcoreSeconds vcore-seconds allocated so far
 */
@Serdeable
public record RmApplication(
    String id,
    String state,
    @Nullable String finalStatus,
    @Nullable String diagnostics,
    @Nullable String trackingUrl,
    @Nullable String amContainerLogs,
    @Nullable String applicationTags,
    @Nullable String user,
    @Nullable String queue,
    @Nullable Long startedTime,
    @Nullable Long launchTime,
    @Nullable Long finishedTime,
    @Nullable Long memorySeconds,
    @Nullable Long vcoreSeconds,
    @Nullable Long preemptedMemorySeconds,
    @Nullable Long preemptedVcoreSeconds) {
  public RmApplication {
    requireNonNull(id, "an application without id");
    requireNonNull(state, "an application without state");
  }

  public List<String> tags() {
    return applicationTags == null || applicationTags.isBlank()
        ? List.of()
        : Arrays.stream(applicationTags.split(",")).map(String::trim).toList();
  }
}
