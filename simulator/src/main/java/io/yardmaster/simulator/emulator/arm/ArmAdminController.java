package io.yardmaster.simulator.emulator.arm;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Duration;

/**
 * Test hooks of the ARM emulator: {@code POST /sim/arm-admin/faults} queues faults for a scale set,
 * {@code DELETE /sim/arm-admin/faults} clears them and refills every write budget.
 */
@Controller("/sim/arm-admin")
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmAdminController {
  private final ArmFaults faults;
  private final ArmWriteThrottle throttle;

  public ArmAdminController(ArmFaults faults, ArmWriteThrottle throttle) {
    this.faults = requireNonNull(faults, "faults is null");
    this.throttle = requireNonNull(throttle, "throttle is null");
  }

  /**
   * @param scaleSetId the scale set's ARM id
   * @param status the HTTP status to answer with, or null to answer normally after the delay
   * @param delayMillis how long to hold each request, or null
   * @param times how many of the next requests (default 1)
   * @param failOperation instead: the next writes are accepted but their operation ends Failed with
   *     this ARM error code
   */
  @Serdeable
  record FaultRequest(
      String scaleSetId,
      @Nullable Integer status,
      @Nullable Long delayMillis,
      @Nullable Integer times,
      @Nullable String failOperation) {}

  @Post(uri = "/faults", consumes = MediaType.APPLICATION_JSON)
  HttpResponse<?> inject(@Body FaultRequest request) {
    if (request.scaleSetId() == null || request.scaleSetId().isBlank()) {
      return ArmResponses.invalidParameter("scaleSetId", "scaleSetId is required");
    }
    int times = request.times() == null ? 1 : request.times();
    try {
      if (request.failOperation() != null) {
        faults.failOperations(request.scaleSetId(), request.failOperation(), times);
        return HttpResponse.noContent();
      }
      ArmFault fault =
          new ArmFault(
              request.status() == null ? 0 : request.status(),
              Duration.ofMillis(request.delayMillis() == null ? 0 : request.delayMillis()));
      faults.inject(request.scaleSetId(), fault, times);
    } catch (IllegalArgumentException invalid) {
      return ArmResponses.invalidParameter("fault", invalid.getMessage());
    }
    return HttpResponse.noContent();
  }

  @Delete("/faults")
  HttpResponse<?> clear() {
    faults.clear();
    throttle.reset();
    return HttpResponse.noContent();
  }
}
