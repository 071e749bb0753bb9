package io.yardmaster.clusters;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The optional body of {@code POST /api/v1/clusters/{name}/drain}: why, for the on-call log. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(nullable = true, additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record DrainRequest(
    @Nullable @Schema(example = "YARN upgrade, ticket OPS-1234", maxLength = 500) String reason) {
  static final int MAX_REASON = 500;
}
