package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.PoolState;
import io.yardmaster.autoscaler.store.ShrinkIntent;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The autoscaler's pools and decisions, and the operator's controls: pause, resume, min/max.
 * Operations data: every endpoint needs an admin token.
 */
@Controller("/api/v1/autoscaler")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = AutoscalerStore.class)
@Tag(name = "autoscaler")
@SecurityRequirement(name = "bearer")
public final class AutoscalerController {
  static final int MAX_LIMIT = 1000;
  static final int MAX_MARKERS = 500;

  private final ClusterRegistry registry;
  private final AutoscalerStore store;
  private final Clock clock;

  public AutoscalerController(ClusterRegistry registry, AutoscalerStore store, Clock clock) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Get("/pools")
  @Operation(
      summary =
          "List the node pools the autoscaler runs, with bounds, state and last decision"
              + " (admin)")
  public List<PoolView> pools(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    caller.requireAdmin();
    return registry.pools().stream().map(this::view).toList();
  }

  @Get("/pools/{pool}")
  @Operation(
      summary =
          "One node pool: bounds, pause, backoff, a shrink in progress, last decision (admin)")
  public PoolView pool(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String pool) {
    caller.requireAdmin();
    return view(config(pool));
  }

  @Get("/decisions")
  @Operation(
      summary = "The latest decisions, newest first, of all pools or of one (admin)",
      description =
          "Each tick of each pool is stored: what was read, what was decided and why, what was"
              + " done.")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public List<DecisionRecord> decisions(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "only this node pool's decisions") @Nullable @QueryValue String pool,
      @Parameter(description = "how many, 1 to 1000 (default 100)")
          @Nullable
          @QueryValue
          @Min(1)
          @Max(MAX_LIMIT)
          Integer limit) {
    caller.requireAdmin();
    if (pool != null) {
      config(pool);
    }
    int rows = limit == null ? 100 : limit;
    if (rows < 1 || rows > MAX_LIMIT) {
      throw ApiException.invalidParameter(
          "limit", "limit must be between 1 and " + MAX_LIMIT + ", got " + rows);
    }
    return store.decisions(pool, rows);
  }

  @Get("/pools/{pool}/history")
  @Operation(
      summary =
          "A node pool's capacity, nodes and demand over a window, per step, with the decisions"
              + " that acted (admin)",
      description =
          "Aggregated in the database from every stored tick: per step the maximum of capacity,"
              + " target, nodes, busy nodes (nodes - free nodes), booting VMs and pending demand"
              + " (vcores, MB, and in the pool's nodes). The decisions are those that grew or"
              + " shrank (applied, skipped or failed) or failed, oldest first; at most "
              + MAX_MARKERS
              + ", the newest, with truncated set when there were more.")
  @ApiResponse(responseCode = "400", description = "a bad window or step")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public PoolHistory history(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String pool,
      @Parameter(
              description =
                  "Nh or Nd (the last N hours or days, up to now's step included), or 'start,end'"
                      + " in RFC 3339; at most 31 days (default 24h)")
          @Nullable
          @QueryValue
          String window,
      @Parameter(
              description =
                  "Nm, Nh or Nd, at least 1m; at most 2000 steps (default: the shortest of 1m, 5m,"
                      + " 15m, 30m, 1h, 3h, 6h, 1d that gives fewer than 300)")
          @Nullable
          @QueryValue
          String step) {
    caller.requireAdmin();
    NodePoolConfig config = config(pool);
    HistoryWindow range =
        HistoryWindow.parse(window == null ? "24h" : window, step, clock.instant());
    PoolState state = store.poolState(config.name());
    List<DecisionRecord> acted =
        store.actedDecisions(config.name(), range.start(), range.end(), MAX_MARKERS + 1);
    boolean truncated = acted.size() > MAX_MARKERS;
    return new PoolHistory(
        config.name(),
        config.cluster(),
        range.start(),
        range.end(),
        range.stepText(),
        range.step().toSeconds(),
        config.nodeManagerVcores(),
        config.nodeManagerMemoryMb(),
        state.minNodes() == null ? config.minNodes() : state.minNodes(),
        state.maxNodes() == null ? config.maxNodes() : state.maxNodes(),
        store.history(
            config.name(),
            range.start(),
            range.end(),
            range.step(),
            config.nodeManagerVcores(),
            config.nodeManagerMemoryMb()),
        truncated ? acted.subList(1, acted.size()) : acted,
        truncated);
  }

  @Post("/pools/{pool}/pause")
  @Operation(
      summary = "Pause a node pool (admin): ticks still decide but do not act (outcome SKIPPED)")
  public PoolView pause(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String pool) {
    caller.requireAdmin();
    config(pool);
    store.setPaused(pool, true);
    return view(config(pool));
  }

  @Post("/pools/{pool}/resume")
  @Operation(summary = "Resume a paused node pool (admin): its ticks act again")
  public PoolView resume(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String pool) {
    caller.requireAdmin();
    config(pool);
    store.setPaused(pool, false);
    return view(config(pool));
  }

  @Put("/pools/{pool}/bounds")
  @Operation(
      summary = "Set a node pool's min/max nodes (admin); null puts the configured value back",
      description =
          "The bounds are stored and override the configuration until changed again; the next"
              + " tick grows or shrinks the pool into them.")
  public PoolView bounds(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String pool,
      @Body BoundsRequest bounds) {
    caller.requireAdmin();
    NodePoolConfig config = config(pool);
    int min = bounds.minNodes() == null ? config.minNodes() : bounds.minNodes();
    int max = bounds.maxNodes() == null ? config.maxNodes() : bounds.maxNodes();
    if (min < 0 || max < min || max > BoundsRequest.MAX_NODES) {
      throw new ApiException(
          ApiErrorCode.INVALID_BOUNDS,
          "need 0 <= minNodes <= maxNodes <= "
              + BoundsRequest.MAX_NODES
              + ", got minNodes "
              + min
              + ", maxNodes "
              + max,
          List.of("minNodes", "maxNodes"));
    }
    store.setBounds(pool, bounds.minNodes(), bounds.maxNodes());
    return view(config);
  }

  private NodePoolConfig config(String pool) {
    return registry
        .pool(pool)
        .orElseThrow(
            () -> new ApiException(ApiErrorCode.POOL_NOT_FOUND, "no node pool '" + pool + "'"));
  }

  private PoolView view(NodePoolConfig config) {
    PoolState state = store.poolState(config.name());
    List<DecisionRecord> last = store.decisions(config.name(), 1);
    return new PoolView(
        config.name(),
        config.cluster(),
        config.priority().wireName(),
        config.skuName(),
        config.preference(),
        config.minNodes(),
        config.maxNodes(),
        state.minNodes() == null ? config.minNodes() : state.minNodes(),
        state.maxNodes() == null ? config.maxNodes() : state.maxNodes(),
        state.paused(),
        orNull(state.writesBlockedUntil()),
        orNull(state.backoffUntil()),
        state.backoffLevel(),
        store.shrink(config.name()).map(ShrinkIntent::phase).map(Enum::name).orElse(null),
        store.operation(config.name()).orElse(null),
        last.isEmpty() ? null : last.get(0));
  }

  private static Instant orNull(Instant instant) {
    return Instant.EPOCH.equals(instant) ? null : instant;
  }
}
