package io.yardmaster.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** Airflow's coordinates of a job: tagged on the app, used for cost and search. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record JobLabels(
    @Nullable String dagId,
    @Nullable String taskId,
    @Nullable String runId,
    @Nullable Integer mapIndex,
    @Nullable Integer tryNumber) {
  public static final JobLabels NONE = new JobLabels(null, null, null, null, null);
}
