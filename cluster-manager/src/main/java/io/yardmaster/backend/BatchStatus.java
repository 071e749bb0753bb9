package io.yardmaster.backend;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/** One batch as the backend reports it. */
public record BatchStatus(
    int id,
    @Nullable String name,
    BatchState state,
    @Nullable String appId,
    @Nullable String sparkUiUrl,
    @Nullable String driverLogUrl) {
  public BatchStatus {
    requireNonNull(state, "state is null");
  }
}
