package io.yardmaster.autoscaler.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** New min/max for a pool; null puts the configured value back. */
@Serdeable
public record BoundsRequest(@Nullable Integer minNodes, @Nullable Integer maxNodes) {}
