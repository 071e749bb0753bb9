package io.yardmaster.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** The body of {@code POST /api/v1/jobs}. The team comes from the token, never from the body. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record JobRequest(
    @Nullable SparkBatch batch, @Nullable JobTarget target, @Nullable JobLabels labels) {
  public JobRequest {
    target = target == null ? JobTarget.ANY : target;
    labels = labels == null ? JobLabels.NONE : labels;
  }
}
