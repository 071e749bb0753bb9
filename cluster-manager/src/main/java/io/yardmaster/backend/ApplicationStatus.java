package io.yardmaster.backend;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/** One YARN application as the ResourceManager reports it (state names are YARN's). */
public record ApplicationStatus(
    String id,
    String state,
    @Nullable String finalStatus,
    @Nullable String diagnostics,
    @Nullable String trackingUrl,
    @Nullable String amContainerLogs,
    List<String> tags) {
  public ApplicationStatus {
    requireNonNull(id, "id is null");
    requireNonNull(state, "state is null");
    tags = List.copyOf(tags);
  }

  public boolean finished() {
    return state.equals("FINISHED") || state.equals("FAILED") || state.equals("KILLED");
  }
}
