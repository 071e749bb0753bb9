package io.yardmaster.simulator.emulator.arm;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * ARM's VM scale set API over the simulated fleet, as {@code azure-resourcemanager-compute} calls
 * it: get, update of {@code sku.capacity} (PATCH or PUT, If-Match against the ETag), list VMs,
 * delete instances. Writes are long-running operations ({@link ArmOperationController}) and are
 * throttled per scale set ({@link ArmWriteThrottle}); tests inject faults ({@link ArmFaults}).
 */
@Controller(ArmEmulator.SCALE_SET_PATH)
@Requires(property = ArmEmulator.ENABLED, value = "true")
public final class ArmScaleSetController {
  private static final int MAX_CAPACITY = 1000;

  private final Fleet fleet;
  private final ArmEmulatorConfig config;
  private final ArmWriteThrottle throttle;
  private final ArmFaults faults;
  private final ArmOperations operations;
  private final ArmScaleSetViews views;

  public ArmScaleSetController(
      SimulatedFleet simulated,
      ArmEmulatorConfig config,
      ArmWriteThrottle throttle,
      ArmFaults faults,
      ArmOperations operations) {
    this.fleet = simulated.fleet();
    this.config = requireNonNull(config, "config is null");
    this.throttle = requireNonNull(throttle, "throttle is null");
    this.faults = requireNonNull(faults, "faults is null");
    this.operations = requireNonNull(operations, "operations is null");
    this.views = new ArmScaleSetViews(fleet, operations, config.location());
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<?>> get(
      @PathVariable String subscription,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @Nullable @QueryValue("api-version") String apiVersion) {
    return respond(
        subscription,
        resourceGroup,
        name,
        apiVersion,
        scaleSet -> {
          ArmWire.ScaleSet view = views.scaleSet(scaleSet);
          return HttpResponse.ok(view).header(HttpHeaders.ETAG, view.etag());
        });
  }

  @Patch(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<?>> update(
      HttpRequest<?> request,
      @PathVariable String subscription,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @Nullable @QueryValue("api-version") String apiVersion,
      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
      @Body ArmWire.ScaleSetUpdate body) {
    return respond(
        subscription,
        resourceGroup,
        name,
        apiVersion,
        scaleSet -> write(request, apiVersion, scaleSet, ifMatch, body));
  }

  /** PUT of the whole model: only an existing scale set, and only its capacity changes. */
  @Put(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<?>> createOrUpdate(
      HttpRequest<?> request,
      @PathVariable String subscription,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @Nullable @QueryValue("api-version") String apiVersion,
      @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
      @Body ArmWire.ScaleSetUpdate body) {
    return update(request, subscription, resourceGroup, name, apiVersion, ifMatch, body);
  }

  @Get(uri = "/virtualMachines", produces = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<?>> virtualMachines(
      HttpRequest<?> request,
      @PathVariable String subscription,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @Nullable @QueryValue("api-version") String apiVersion) {
    String expand = request.getParameters().get("$expand");
    boolean instanceView =
        expand != null && expand.toLowerCase(Locale.ROOT).contains("instanceview");
    return respond(
        subscription,
        resourceGroup,
        name,
        apiVersion,
        scaleSet -> HttpResponse.ok(views.vms(scaleSet, instanceView)));
  }

  @Post(uri = "/delete", consumes = MediaType.APPLICATION_JSON)
  CompletableFuture<HttpResponse<?>> deleteInstances(
      HttpRequest<?> request,
      @PathVariable String subscription,
      @PathVariable String resourceGroup,
      @PathVariable String name,
      @Nullable @QueryValue("api-version") String apiVersion,
      @Body ArmWire.InstanceIds body) {
    return respond(
        subscription,
        resourceGroup,
        name,
        apiVersion,
        scaleSet -> delete(request, apiVersion, scaleSet, body));
  }

  private HttpResponse<?> write(
      HttpRequest<?> request,
      String apiVersion,
      SimulatedScaleSet scaleSet,
      @Nullable String ifMatch,
      ArmWire.ScaleSetUpdate body) {
    Optional<HttpResponse<?>> throttled = throttle(scaleSet);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    String etag = views.etag(scaleSet);
    if (ifMatch != null && !ifMatch.equals("*") && !ifMatch.equals(etag)) {
      return ArmResponses.preconditionFailed(ifMatch);
    }
    ArmWire.Sku sku = body.sku();
    Long capacity = sku == null ? null : sku.capacity();
    if (sku != null && sku.name() != null && !sku.name().equalsIgnoreCase(scaleSet.sku().name())) {
      return ArmResponses.invalidParameter(
          "sku.name", "The simulated scale set cannot change its VM size to " + sku.name() + ".");
    }
    if (capacity != null && (capacity < 0 || capacity > MAX_CAPACITY)) {
      return ArmResponses.invalidParameter(
          "sku.capacity",
          "The value " + capacity + " of parameter 'sku.capacity' is out of range 0-1000.");
    }
    int before = scaleSet.capacity();
    if (capacity != null) {
      scaleSet.setCapacity(Math.toIntExact(capacity));
    }
    boolean grows = capacity != null && capacity > before;
    ArmOperation operation =
        operations.begin(
            scaleSet,
            config.location(),
            config.operationDuration().toMillis(),
            grows,
            faults.nextOperationFailure(scaleSet.armId()).orElse(null));
    ArmWire.ScaleSet view = views.scaleSet(scaleSet);
    return HttpResponse.ok(view)
        .header(HttpHeaders.ETAG, view.etag())
        .header("Azure-AsyncOperation", operationUrl(request, operation, apiVersion));
  }

  private HttpResponse<?> delete(
      HttpRequest<?> request,
      String apiVersion,
      SimulatedScaleSet scaleSet,
      ArmWire.InstanceIds body) {
    Optional<HttpResponse<?>> throttled = throttle(scaleSet);
    if (throttled.isPresent()) {
      return throttled.get();
    }
    List<String> ids = body.instanceIds();
    if (ids == null || ids.isEmpty()) {
      return ArmResponses.invalidParameter(
          "instanceIds", "Required parameter 'instanceIds' is missing (null).");
    }
    try {
      scaleSet.deleteInstances(ids);
    } catch (IllegalArgumentException unknown) {
      return ArmResponses.invalidParameter(
          "instanceIds",
          "The provided instanceIds "
              + ids
              + " are not all active Virtual Machine Scale Set VM instanceIds: "
              + unknown.getMessage());
    }
    ArmOperation operation =
        operations.begin(
            scaleSet,
            config.location(),
            config.operationDuration().toMillis(),
            false,
            faults.nextOperationFailure(scaleSet.armId()).orElse(null));
    String url = operationUrl(request, operation, apiVersion);
    return HttpResponse.accepted()
        .header("Azure-AsyncOperation", url)
        .header(HttpHeaders.LOCATION, url + "&monitor=true");
  }

  /**
   * Takes a write from the scale set's budget or answers 429. The bucket runs on the simulation's
   * clock, so Retry-After is in simulated seconds (wall seconds when the speed-up is 1).
   */
  private Optional<HttpResponse<?>> throttle(SimulatedScaleSet scaleSet) {
    long waitMillis = throttle.tryWrite(scaleSet.armId(), fleet.now().toEpochMilli());
    if (waitMillis == 0) {
      return Optional.empty();
    }
    return Optional.of(ArmResponses.throttled((waitMillis + 999) / 1000));
  }

  private CompletableFuture<HttpResponse<?>> respond(
      String subscription,
      String resourceGroup,
      String name,
      @Nullable String apiVersion,
      Function<SimulatedScaleSet, HttpResponse<?>> handler) {
    if (apiVersion == null || apiVersion.isBlank()) {
      return CompletableFuture.completedFuture(ArmResponses.missingApiVersion());
    }
    Optional<SimulatedScaleSet> found =
        fleet.scaleSet(ArmEmulator.armId(subscription, resourceGroup, name));
    if (found.isEmpty()) {
      return CompletableFuture.completedFuture(ArmResponses.scaleSetNotFound(resourceGroup, name));
    }
    SimulatedScaleSet scaleSet = found.get();
    Optional<ArmFault> fault = faults.next(scaleSet.armId());
    if (fault.isPresent() && fault.get().status() != 0) {
      return CompletableFuture.completedFuture(ArmResponses.fault(fault.get().status()));
    }
    if (fault.isPresent() && !fault.get().delay().isZero()) {
      return CompletableFuture.supplyAsync(
          () -> handler.apply(scaleSet),
          CompletableFuture.delayedExecutor(fault.get().delay().toMillis(), TimeUnit.MILLISECONDS));
    }
    return CompletableFuture.completedFuture(handler.apply(scaleSet));
  }

  static String operationUrl(HttpRequest<?> request, ArmOperation operation, String apiVersion) {
    String host = request.getHeaders().get(HttpHeaders.HOST);
    String path =
        ArmEmulator.OPERATION_PATH
            .replace("{subscription}", operation.armId().split("/")[2])
            .replace("{location}", operation.location())
            .replace("{operationId}", operation.id());
    return "http://" + host + path + "?api-version=" + apiVersion;
  }
}
