package io.yardmaster.jobs.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Airflow's coordinates of a job: tagged on the app, used for cost and search. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record JobLabels(
    @Nullable @Schema(maxLength = JobLabels.MAX_LABEL) String dagId,
    @Nullable @Schema(maxLength = JobLabels.MAX_LABEL) String taskId,
    @Nullable @Schema(maxLength = JobLabels.MAX_LABEL) String runId,
    @Nullable @Schema(minimum = "-1", maximum = "1000000") Integer mapIndex,
    @Nullable @Schema(minimum = "0", maximum = "1000") Integer tryNumber) {
  public static final JobLabels NONE = new JobLabels(null, null, null, null, null);
  public static final int MAX_LABEL = 250;
}
