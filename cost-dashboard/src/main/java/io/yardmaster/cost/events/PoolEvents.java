package io.yardmaster.cost.events;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The answer of {@code GET /api/v1/costs/events}. */
@Serdeable
@Schema(name = "CostEvents")
public record PoolEvents(
    @Schema(description = "the window's start, a whole UTC hour (RFC 3339)") String start,
    @Schema(description = "the window's end (exclusive), a whole UTC hour (RFC 3339)") String end,
    @Schema(
            description =
                "the pools the query's apps ran on in the window (every pool with costs for an"
                    + " admin without a label filter)")
        List<String> pools,
    @Schema(description = "oldest first") List<PoolEvent> events,
    @Schema(description = "true when there were more events: these are the newest")
        boolean truncated) {}
