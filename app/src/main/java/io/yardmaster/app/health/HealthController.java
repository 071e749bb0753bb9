package io.yardmaster.app.health;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.health.HealthStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.web.auth.Caller;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import reactor.core.publisher.Mono;

/**
 * Every health indicator's status and details, for admins: the peers' error texts, the pools' last
 * decisions, the database. The anonymous {@code /health} answers with the status only.
 */
@Controller("/api/v1/health")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "health")
@SecurityRequirement(name = "bearer")
public final class HealthController {
  private final List<HealthIndicator> indicators;

  public HealthController(List<HealthIndicator> indicators) {
    this.indicators = indicators;
  }

  /** One indicator's reading. */
  @Serdeable
  public record Component(String status, @Nullable Object details) {}

  /** Every indicator's reading, and the worst status among them. */
  @Serdeable
  public record Health(String status, Map<String, Component> components) {}

  @Get
  @Operation(summary = "Health with every component's details (admin)")
  public Health health(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    caller.requireAdmin();
    Map<String, Component> components = new TreeMap<>();
    HealthStatus worst = HealthStatus.UP;
    for (HealthIndicator indicator : indicators) {
      HealthResult result = Mono.from(indicator.getResult()).block();
      if (result == null) {
        continue;
      }
      components.put(
          result.getName(), new Component(result.getStatus().getName(), result.getDetails()));
      if (result.getStatus().equals(HealthStatus.DOWN)) {
        worst = HealthStatus.DOWN;
      } else if (!result.getStatus().equals(HealthStatus.UP) && worst.equals(HealthStatus.UP)) {
        worst = result.getStatus();
      }
    }
    return new Health(worst.getName(), components);
  }
}
