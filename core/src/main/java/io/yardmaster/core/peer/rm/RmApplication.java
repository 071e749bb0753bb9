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
 */
@Serdeable
public record RmApplication(
    String id,
    String state,
    @Nullable String finalStatus,
    @Nullable String diagnostics,
    @Nullable String trackingUrl,
    @Nullable String amContainerLogs,
    @Nullable String applicationTags) {
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
