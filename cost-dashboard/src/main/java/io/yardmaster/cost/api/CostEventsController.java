package io.yardmaster.cost.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.cost.events.PoolEventFinder;
import io.yardmaster.cost.events.PoolEvents;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scale events and spot evictions of the pools a cost query's apps ran on: the markers of the
 * dashboard's DAG page, so that a dearer run can be read against "the pool was evicted" or "the
 * pool grew". A team token sees the events of the pools its own apps ran on, nothing of other
 * teams' apps.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
@Requires(beans = CostStore.class)
@Tag(name = "costs")
@SecurityRequirement(name = "bearer")
public final class CostEventsController {
  private static final Logger LOG = LoggerFactory.getLogger(CostEventsController.class);
  static final Set<String> PARAMETERS = Set.of("window", "filter");
  static final int MAX_EVENTS = 500;

  private final CostStore store;
  private final PoolEventFinder finder;
  private final Clock clock;

  public CostEventsController(CostStore store, PoolEventFinder finder, Clock clock) {
    this.store = requireNonNull(store, "store is null");
    this.finder = requireNonNull(finder, "finder is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Get("/costs/events")
  @Operation(
      operationId = "costEvents",
      summary = "Scale events and spot evictions of the pools a cost query's apps ran on",
      description =
          "The same window and filter as /api/v1/costs. The pools are those with costs of the"
              + " query's apps in the window; the events are the autoscaler's applied grows and VM"
              + " deletes, and spot VMs that left without a delete. At most 500, the newest.")
  public PoolEvents events(
      HttpRequest<?> request,
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(
              description = CostController.WINDOW,
              schema = @Schema(maxLength = CostQuery.MAX_SHORT))
          @Nullable
          @QueryValue
          String window,
      @Parameter(
              description = CostController.FILTER,
              schema = @Schema(maxLength = CostQuery.MAX_PARAMETER))
          @Nullable
          @QueryValue
          String filter) {
    CostController.checkParameters(request, PARAMETERS);
    CostQuery query = CostQuery.parse(window, "cluster,pool", null, null, filter, caller, clock);
    Map<String, String> pools = store.pools(query);
    PoolEventFinder.Found found;
    try {
      found = finder.find(pools, query.window().start(), query.window().end(), MAX_EVENTS);
    } catch (RuntimeException e) {
      LOG.warn("reading the pools' events failed: {}", e.toString());
      throw new ApiException(ApiErrorCode.UNAVAILABLE, "the cost database is out of reach");
    }
    return new PoolEvents(
        query.window().start().toString(),
        query.window().end().toString(),
        List.copyOf(pools.keySet()),
        found.events(),
        found.truncated());
  }
}
