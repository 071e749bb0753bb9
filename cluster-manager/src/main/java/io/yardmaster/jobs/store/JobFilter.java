package io.yardmaster.jobs.store;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.JobState;
import java.time.Instant;

/** What {@code GET /api/v1/jobs} filters on; null means any. */
public record JobFilter(
    @Nullable JobState state,
    @Nullable String cluster,
    @Nullable String team,
    @Nullable String dagId,
    @Nullable String taskId,
    @Nullable String runId,
    @Nullable Integer mapIndex,
    @Nullable String idempotencyKey,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo) {}
