package io.yardmaster.jobs.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of {@code POST /api/v1/jobs}. The team comes from the token, never from the body. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record JobRequest(
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) SparkBatch batch,
    @Nullable JobTarget target,
    @Nullable JobLabels labels) {
  public JobRequest {
    target = target == null ? JobTarget.ANY : target;
    labels = labels == null ? JobLabels.NONE : labels;
  }
}
