package io.yardmaster.jobs.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.jobs.JobState;
import java.util.List;

/** A page of Livy's submit log for a job, with YARN's diagnostics. */
@Serdeable
public record JobLog(
    String jobId,
    JobState state,
    @Nullable Integer from,
    @Nullable Integer total,
    List<String> lines,
    @Nullable String diagnostics,
    @Nullable String note) {}
