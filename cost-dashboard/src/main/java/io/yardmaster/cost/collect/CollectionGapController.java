package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The apps collection knows it missed (the RM rotated them out before they were read). Admin. */
@Controller("/api/v1/cost-collection")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.COST, notEquals = "false")
@Tag(name = "cost")
@SecurityRequirement(name = "bearer")
public final class CollectionGapController {
  static final int MAX_LIMIT = 1000;

  private final AppStore store;

  public CollectionGapController(AppStore store) {
    this.store = requireNonNull(store, "store is null");
  }

  /**
   * One app missing from the costs, or whose end is not known.
   *
   * @param kind NEVER_SEEN (ended and rotated out before it was read: its usage is missing) or
   *     SEEN_RUNNING (rotated out after it was read running: its usage up to then is counted)
   */
  @Serdeable
  public record GapView(
      String cluster, String appId, String kind, Instant detectedAt, String detail) {}

  @Get("/gaps")
  @Operation(
      summary =
          "Apps the cost collection knows it missed, newest first (admin): rotated out by the"
              + " RM's max-completed-applications before they were read")
  public List<GapView> gaps(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "only gaps detected at or after this ISO-8601 instant")
          @Nullable
          @QueryValue
          String since,
      @Parameter(description = "how many, 1 to 1000 (default 100)") @Nullable @QueryValue
          Integer limit) {
    caller.requireAdmin();
    int rows = limit == null ? 100 : limit;
    if (rows < 1 || rows > MAX_LIMIT) {
      throw ApiException.invalidParameter(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + rows);
    }
    long from = 0;
    if (since != null) {
      try {
        from = Instant.parse(since).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiException.invalidParameter(
            "since", "since must be an ISO-8601 instant such as 2026-12-01T00:00:00Z");
      }
    }
    return store.gaps(from, rows).stream()
        .map(
            gap ->
                new GapView(
                    gap.cluster(),
                    gap.appId(),
                    gap.kind(),
                    Instant.ofEpochMilli(gap.detectedAt()),
                    gap.detail()))
        .toList();
  }
}
