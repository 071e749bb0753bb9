package io.yardmaster.cost.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the VMs cost, per DAG, task, run, try, team, cluster, pool or queue, in the style of
 * OpenCost's allocation API (ADR 0018). Reads {@code cost_allocation} only. A team token sees its
 * own team's apps, with idle as its share; an admin token sees everything.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
@Requires(beans = CostStore.class)
@Tag(name = "costs")
@SecurityRequirement(name = "bearer")
public final class CostController {
  static final Set<String> PARAMETERS = Set.of("window", "aggregate", "step", "idle", "filter");
  static final String WINDOW =
      "the time range, on whole UTC hours: Nh (the last N hours, this one included), Nd (the"
          + " last N UTC days, today included), today, yesterday, week, lastweek, month,"
          + " lastmonth, or 'start,end' in RFC 3339 (e.g."
          + " 2026-11-01T00:00:00Z,2026-12-01T00:00:00Z); at most 366 days; default 7d";
  static final String AGGREGATE =
      "comma-separated dimensions to group by: cluster, pool, queue, user, team, dag, task"
          + " (implies dag), run (implies dag), try (implies dag, task, run), job, app; e.g."
          + " team,dag; default dag";
  static final String STEP =
      "the length of each set: Nh or Nd (1h, 6h, 1d, 7d), or none for one set; at most 2500"
          + " sets; default none";
  static final String IDLE =
      "separate: idle as its own row __idle__; share: idle shared back to the apps by"
          + " allocation; cause: the autoscaler's warm-up and drain tail charged to the apps whose"
          + " demand caused it. A team token's separate idle is its share. Default separate";
  static final String FILTER =
      "comma-separated key:value pairs, keys among team, dag, task, run, cluster, pool, queue,"
          + " user, job, app; values of one key OR, keys AND; e.g. team:risk,cluster:alpha";

  private final CostStore store;
  private final CostLinks links;
  private final Clock clock;

  public CostController(CostStore store, CostLinks links, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.links = requireNonNull(links, "links is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Get("/costs")
  @Operation(
      operationId = "costs",
      summary = "Costs over a window, aggregated and stepped, with idle separate or shared",
      description =
          "Every amount is dollars with six decimals, the exact sum of integer micro-dollars: each"
              + " set's rows add up to its totals, and for an admin without a label filter the"
              + " totals are the VM bill of the window.")
  public CostAnswer costs(
      HttpRequest<?> request,
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = WINDOW, schema = @Schema(maxLength = CostQuery.MAX_SHORT))
          @Nullable
          @QueryValue
          String window,
      @Parameter(description = AGGREGATE, schema = @Schema(maxLength = CostQuery.MAX_SHORT))
          @Nullable
          @QueryValue
          String aggregate,
      @Parameter(
              description = STEP,
              schema = @Schema(pattern = "^([1-9][0-9]{0,3}[hd]|none)$", maxLength = 5))
          @Nullable
          @QueryValue
          String step,
      @Parameter(
              description = IDLE,
              schema = @Schema(allowableValues = {"separate", "share", "cause"}))
          @Nullable
          @QueryValue
          String idle,
      @Parameter(description = FILTER, schema = @Schema(maxLength = CostQuery.MAX_PARAMETER))
          @Nullable
          @QueryValue
          String filter) {
    return answer(request, caller, window, aggregate, step, idle, filter).answer();
  }

  // A download link cannot choose its Accept header: the CSV is the answer whatever it says.
  @Get(
      value = "/costs.csv",
      produces = {CostCsv.TYPE, MediaType.ALL})
  @Operation(
      operationId = "costsCsv",
      summary = "The same query as /api/v1/costs, as CSV: one line per row per set",
      description =
          "A header, then start, end, name, each grouping dimension, cost, cpuCost, memoryCost,"
              + " idleCost, failedCost, coreHours, memoryGbHours, runs, efficiency: the texts of"
              + " the JSON answer.")
  @ApiResponse(
      responseCode = "200",
      description = "the CSV",
      content = @Content(mediaType = CostCsv.TYPE, schema = @Schema(type = "string")))
  public HttpResponse<String> csv(
      HttpRequest<?> request,
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = WINDOW, schema = @Schema(maxLength = CostQuery.MAX_SHORT))
          @Nullable
          @QueryValue
          String window,
      @Parameter(description = AGGREGATE, schema = @Schema(maxLength = CostQuery.MAX_SHORT))
          @Nullable
          @QueryValue
          String aggregate,
      @Parameter(
              description = STEP,
              schema = @Schema(pattern = "^([1-9][0-9]{0,3}[hd]|none)$", maxLength = 5))
          @Nullable
          @QueryValue
          String step,
      @Parameter(
              description = IDLE,
              schema = @Schema(allowableValues = {"separate", "share", "cause"}))
          @Nullable
          @QueryValue
          String idle,
      @Parameter(description = FILTER, schema = @Schema(maxLength = CostQuery.MAX_PARAMETER))
          @Nullable
          @QueryValue
          String filter) {
    Answered answered = answer(request, caller, window, aggregate, step, idle, filter);
    return HttpResponse.ok(
            CostCsv.of(answered.answer(), CostReport.naming(answered.query().aggregate())))
        .contentType(MediaType.of(CostCsv.TYPE + "; charset=utf-8"))
        .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"costs.csv\"");
  }

  /** A 400 naming a parameter the query does not take, or one given twice. */
  static void checkParameters(HttpRequest<?> request, Set<String> allowed) {
    Set<String> unknown = new TreeSet<>(request.getParameters().names());
    unknown.removeAll(allowed);
    if (!unknown.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.INVALID_PARAMETER,
          "unknown query parameters "
              + unknown
              + ": the query takes "
              + String.join(", ", new TreeSet<>(allowed)),
          List.copyOf(unknown));
    }
    for (String name : allowed) {
      if (request.getParameters().getAll(name).size() > 1) {
        throw ApiException.invalidParameter(name, name + " is given more than once");
      }
    }
  }

  private record Answered(CostQuery query, CostAnswer answer) {}

  private Answered answer(
      HttpRequest<?> request,
      Caller caller,
      @Nullable String window,
      @Nullable String aggregate,
      @Nullable String step,
      @Nullable String idle,
      @Nullable String filter) {
    checkParameters(request, PARAMETERS);
    CostQuery query = CostQuery.parse(window, aggregate, step, idle, filter, caller, clock);
    return new Answered(query, CostReport.of(query, store.read(query), links));
  }
}
