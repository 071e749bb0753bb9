package io.yardmaster.jobs.api;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** A page of jobs, newest first; ask for {@code page + 1} while {@code hasMore}. */
@Serdeable
public record JobPage(List<JobView> jobs, int page, int size, boolean hasMore) {}
