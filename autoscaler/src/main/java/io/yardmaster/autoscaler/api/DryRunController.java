package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;

/** A tick that reads everything and shows its decision, without acting or storing it (admin). */
@Controller("/api/v1/autoscaler")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = AutoscalerLoop.class)
@Tag(name = "autoscaler")
@SecurityRequirement(name = "bearer")
public final class DryRunController {
  private final AutoscalerLoop loop;
  private final ClusterRegistry registry;
  private final Clock clock;

  public DryRunController(AutoscalerLoop loop, ClusterRegistry registry, Clock clock) {
    this.loop = requireNonNull(loop, "loop is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Post("/pools/{pool}/dry-run")
  @Operation(
      summary = "Run one tick of a node pool without acting or storing it (admin)",
      description =
          "Reads demand, nodes and capacity as a real tick does and answers the decision it would"
              + " take, with its reason; outcome DRY_RUN.")
  @ApiResponse(responseCode = "403", description = "not an admin token")
  @ApiResponse(responseCode = "404", description = "no such node pool")
  public DecisionRecord dryRun(
      @PathVariable String pool,
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    caller.requireAdmin();
    if (registry.pool(pool).isEmpty()) {
      throw new ApiException(ApiErrorCode.POOL_NOT_FOUND, "no node pool '" + pool + "'");
    }
    return loop.dryRun(pool, clock.instant());
  }
}
