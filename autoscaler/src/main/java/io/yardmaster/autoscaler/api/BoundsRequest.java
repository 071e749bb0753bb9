package io.yardmaster.autoscaler.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** New min/max for a pool; null puts the configured value back. Unknown fields are refused. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record BoundsRequest(
    @Nullable @Schema(minimum = "0", maximum = "100000") Integer minNodes,
    @Nullable @Schema(minimum = "0", maximum = "100000") Integer maxNodes) {
  static final int MAX_NODES = 100_000;
}
