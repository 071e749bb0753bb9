package io.yardmaster.jobs;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;

/** What {@code GET /api/v1/jobs} filters on; null means any. */
public record JobFilter(
    @Nullable JobState state,
    @Nullable String cluster,
    @Nullable String team,
    @Nullable String dagId,
    @Nullable String runId,
    @Nullable Instant createdFrom,
    @Nullable Instant createdTo) {}
