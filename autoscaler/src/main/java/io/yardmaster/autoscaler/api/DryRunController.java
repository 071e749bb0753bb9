package io.yardmaster.autoscaler.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.exceptions.HttpStatusException;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import java.time.Clock;

/** A tick that reads everything and shows its decision, without acting or storing it (admin). */
@Controller("/api/v1/autoscaler")
@ExecuteOn(TaskExecutors.BLOCKING)
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(beans = AutoscalerLoop.class)
public final class DryRunController {
  private final AutoscalerLoop loop;
  private final ClusterRegistry registry;
  private final AdminGuard guard;
  private final Clock clock;

  public DryRunController(
      AutoscalerLoop loop, ClusterRegistry registry, AdminGuard guard, Clock clock) {
    this.loop = requireNonNull(loop, "loop is null");
    this.registry = requireNonNull(registry, "registry is null");
    this.guard = requireNonNull(guard, "guard is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  @Post("/pools/{pool}/dry-run")
  public DecisionRecord dryRun(String pool, HttpRequest<?> request) {
    guard.requireAdmin(request);
    if (registry.pool(pool).isEmpty()) {
      throw new HttpStatusException(HttpStatus.NOT_FOUND, "no node pool '" + pool + "'");
    }
    return loop.dryRun(pool, clock.instant());
  }
}
