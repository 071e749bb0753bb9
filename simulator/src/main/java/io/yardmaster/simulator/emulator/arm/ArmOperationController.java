package io.yardmaster.simulator.emulator.arm;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import java.time.Instant;
import java.util.Optional;

/**
 * ARM's operation status for the Azure-AsyncOperation header ({@code {"status":"InProgress"}} then
 * {@code Succeeded}) and, with {@code monitor=true}, the Location header (202 until done, then
 * 200).
 */
@Controller(ArmEmulator.OPERATION_PATH)
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmOperationController {
  private final ArmOperations operations;

  public ArmOperationController(ArmOperations operations) {
    this.operations = requireNonNull(operations, "operations is null");
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  HttpResponse<?> status(
      HttpRequest<?> request,
      @PathVariable String subscription,
      @PathVariable String location,
      @PathVariable String operationId,
      @Nullable @QueryValue("api-version") String apiVersion,
      @Nullable @QueryValue("monitor") Boolean monitor) {
    if (apiVersion == null || apiVersion.isBlank()) {
      return ArmResponses.missingApiVersion();
    }
    Optional<ArmOperation> found = operations.find(operationId);
    if (found.isEmpty()) {
      return ArmResponses.error(
          HttpStatus.NOT_FOUND, "NotFound", "The operation '" + operationId + "' was not found.");
    }
    ArmOperation operation = found.get();
    Optional<Long> end = operations.end(operation);
    if (Boolean.TRUE.equals(monitor)) {
      if (end.isPresent()) {
        return HttpResponse.ok();
      }
      return HttpResponse.accepted()
          .header(
              HttpHeaders.LOCATION,
              ArmScaleSetController.operationUrl(request, operation, apiVersion) + "&monitor=true");
    }
    boolean failed = end.isPresent() && operation.failureCode() != null;
    return HttpResponse.ok(
        new ArmWire.OperationStatus(
            operation.id(),
            end.isEmpty() ? "InProgress" : failed ? "Failed" : "Succeeded",
            Instant.ofEpochMilli(operation.startMillis()).toString(),
            end.map(millis -> Instant.ofEpochMilli(millis).toString()).orElse(null),
            failed
                ? new ArmWire.Error(
                    operation.failureCode(),
                    "The operation failed (injected fault " + operation.failureCode() + ").",
                    null,
                    null)
                : null));
  }
}
