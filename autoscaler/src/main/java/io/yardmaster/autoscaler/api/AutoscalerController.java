package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.exceptions.HttpStatusException;
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
import java.time.Instant;
import java.util.List;

/**
 * The autoscaler's pools and decisions, and the operator's controls: pause, resume, min/max.
 * Reading needs any token; changing needs an admin ({@link AdminGuard}).
 */
@Controller("/api/v1/autoscaler")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = AutoscalerStore.class)
@Tag(name = "autoscaler")
@SecurityRequirement(name = "bearer")
public final class AutoscalerController {
  static final int MAX_LIMIT = 1000;

  private final ClusterRegistry registry;
  private final AutoscalerStore store;
  private final AdminGuard guard;

  public AutoscalerController(ClusterRegistry registry, AutoscalerStore store, AdminGuard guard) {
    this.registry = requireNonNull(registry, "registry is null");
    this.store = requireNonNull(store, "store is null");
    this.guard = requireNonNull(guard, "guard is null");
  }

  @Get("/pools")
  @Operation(
      summary = "List the node pools the autoscaler runs, with bounds, state and last decision")
  public List<PoolView> pools() {
    return registry.pools().stream().map(this::view).toList();
  }

  @Get("/pools/{pool}")
  @Operation(summary = "One node pool: bounds, pause, backoff, a shrink in progress, last decision")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public PoolView pool(String pool) {
    return view(config(pool));
  }

  @Get("/decisions")
  @Operation(
      summary = "The latest decisions, newest first, of all pools or of one",
      description =
          "Each tick of each pool is stored: what was read, what was decided and why, what was"
              + " done.")
  @ApiResponse(responseCode = "400", description = "limit is not between 1 and 1000")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public List<DecisionRecord> decisions(
      @Parameter(description = "only this node pool's decisions") @Nullable @QueryValue String pool,
      @Parameter(description = "how many, 1 to 1000 (default 100)") @Nullable @QueryValue
          Integer limit) {
    if (pool != null) {
      config(pool);
    }
    int rows = limit == null ? 100 : limit;
    if (rows < 1 || rows > MAX_LIMIT) {
      throw new HttpStatusException(
          HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT + ", got " + rows);
    }
    return store.decisions(pool, rows);
  }

  @Post("/pools/{pool}/pause")
  @Operation(
      summary = "Pause a node pool (admin): ticks still decide but do not act (outcome SKIPPED)")
  @ApiResponse(responseCode = "403", description = "not an admin token")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public PoolView pause(String pool, HttpRequest<?> request) {
    guard.requireAdmin(request);
    config(pool);
    store.savePoolState(store.poolState(pool).paused(true));
    return pool(pool);
  }

  @Post("/pools/{pool}/resume")
  @Operation(summary = "Resume a paused node pool (admin): its ticks act again")
  @ApiResponse(responseCode = "403", description = "not an admin token")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public PoolView resume(String pool, HttpRequest<?> request) {
    guard.requireAdmin(request);
    config(pool);
    store.savePoolState(store.poolState(pool).paused(false));
    return pool(pool);
  }

  @Put("/pools/{pool}/bounds")
  @Operation(
      summary = "Set a node pool's min/max nodes (admin); null puts the configured value back",
      description =
          "The bounds are stored and override the configuration until changed again; the next"
              + " tick grows or shrinks the pool into them.")
  @ApiResponse(responseCode = "400", description = "not 0 <= minNodes <= maxNodes")
  @ApiResponse(responseCode = "403", description = "not an admin token")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public PoolView bounds(String pool, @Body BoundsRequest bounds, HttpRequest<?> request) {
    guard.requireAdmin(request);
    NodePoolConfig config = config(pool);
    int min = bounds.minNodes() == null ? config.minNodes() : bounds.minNodes();
    int max = bounds.maxNodes() == null ? config.maxNodes() : bounds.maxNodes();
    if (min < 0 || max < min) {
      throw new HttpStatusException(
          HttpStatus.BAD_REQUEST,
          "need 0 <= minNodes <= maxNodes, got minNodes " + min + ", maxNodes " + max);
    }
    store.savePoolState(store.poolState(pool).bounds(bounds.minNodes(), bounds.maxNodes()));
    return pool(pool);
  }

  private NodePoolConfig config(String pool) {
    return registry
        .pool(pool)
        .orElseThrow(
            () -> new HttpStatusException(HttpStatus.NOT_FOUND, "no node pool '" + pool + "'"));
  }

  private PoolView view(NodePoolConfig config) {
    PoolState state = store.poolState(config.name());
    List<DecisionRecord> last = store.decisions(config.name(), 1);
    return new PoolView(
        config.name(),
        config.cluster(),
        config.priority(),
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
        last.isEmpty() ? null : last.get(0));
  }

  private static Instant orNull(Instant instant) {
    return Instant.EPOCH.equals(instant) ? null : instant;
  }
}
