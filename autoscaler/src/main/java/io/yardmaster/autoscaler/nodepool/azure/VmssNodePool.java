package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.rest.Response;
import com.azure.core.util.Context;
import com.azure.core.util.FluxUtil;
import com.azure.resourcemanager.compute.fluent.VirtualMachineScaleSetVMsClient;
import com.azure.resourcemanager.compute.fluent.VirtualMachineScaleSetsClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMInstanceRequiredIDs;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link NodePool} on an Azure VM scale set (Uniform orchestration) through the compute SDK's
 * service clients, which, unlike the fluent {@code update().withCapacity(n).apply()}, send {@code
 * If-Match}: {@link VirtualMachineScaleSetsClient#updateWithResponseAsync(String, String,
 * VirtualMachineScaleSetUpdate, String, String)} with a PATCH of {@code sku.capacity}. A write
 * returns once ARM accepted it; its long-running operation is followed by {@link #follow(String)}
 * ({@link ArmOperations}), one look per call, never by a poller that waits.
 */
public final class VmssNodePool implements NodePool {
  private static final Logger LOG = LoggerFactory.getLogger(VmssNodePool.class);
  private static final String EXPAND_INSTANCE_VIEW = "instanceView";

  private final String poolName;
  private final ArmScaleSetId scaleSet;
  private final VirtualMachineScaleSetsClient scaleSets;
  private final VirtualMachineScaleSetVMsClient scaleSetVms;
  private final ArmErrors errors;
  private final ArmOperations operations;

  public VmssNodePool(
      String poolName,
      ArmScaleSetId scaleSet,
      VirtualMachineScaleSetsClient scaleSets,
      VirtualMachineScaleSetVMsClient scaleSetVms,
      HttpPipeline pipeline,
      URI endpoint,
      Clock clock) {
    this.poolName = requireNonNull(poolName, "poolName is null");
    this.scaleSet = requireNonNull(scaleSet, "scaleSet is null");
    this.scaleSets = requireNonNull(scaleSets, "scaleSets is null");
    this.scaleSetVms = requireNonNull(scaleSetVms, "scaleSetVms is null");
    this.errors = new ArmErrors(requireNonNull(clock, "clock is null"));
    this.operations = new ArmOperations(pipeline, endpoint, errors);
  }

  @Override
  public String poolName() {
    return poolName;
  }

  @Override
  public ScaleSetState read() {
    Response<VirtualMachineScaleSetInner> response =
        call(
            "read",
            null,
            () ->
                scaleSets.getByResourceGroupWithResponse(
                    scaleSet.resourceGroup(), scaleSet.name(), null, Context.NONE));
    VirtualMachineScaleSetInner inner = response.getValue();
    String etag =
        inner.etag() != null ? inner.etag() : response.getHeaders().getValue(HttpHeaderName.ETAG);
    if (etag == null || inner.sku() == null || inner.sku().capacity() == null) {
      throw new NodePoolException(
          NodePoolErrorCode.SERVER_ERROR,
          null,
          null,
          "read of " + scaleSet.armId() + " has no etag or no sku.capacity",
          null);
    }
    return new ScaleSetState(
        inner.id() != null ? inner.id() : scaleSet.armId(),
        inner.sku().name() != null ? inner.sku().name() : "",
        Math.toIntExact(inner.sku().capacity()),
        etag,
        inner.provisioningState() != null ? inner.provisioningState() : "Unknown");
  }

  @Override
  public List<NodePoolVm> vms() {
    return call(
        "list VMs",
        null,
        () -> {
          List<NodePoolVm> result = new ArrayList<>();
          for (VirtualMachineScaleSetVMInner vm :
              scaleSetVms.list(
                  scaleSet.resourceGroup(),
                  scaleSet.name(),
                  null,
                  null,
                  EXPAND_INSTANCE_VIEW,
                  Context.NONE)) {
            result.add(toVm(vm));
          }
          return List.copyOf(result);
        });
  }

  @Override
  public CloudOperation setCapacity(int target, String etag) {
    if (target < 0) {
      throw new IllegalArgumentException("target capacity is negative: " + target);
    }
    requireNonNull(etag, "etag is null");
    VirtualMachineScaleSetUpdate update =
        new VirtualMachineScaleSetUpdate().withSku(new Sku().withCapacity((long) target));
    String action = "set capacity of " + scaleSet.armId() + " to " + target;
    LOG.info("{} (If-Match {})", action, etag);
    return start(
        action,
        etag,
        () ->
            scaleSets.updateWithResponseAsync(
                scaleSet.resourceGroup(), scaleSet.name(), update, etag, null));
  }

  @Override
  public CloudOperation deleteInstances(Set<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      throw new IllegalArgumentException("no instance ids to delete");
    }
    List<String> ids = List.copyOf(new TreeSet<>(instanceIds));
    String action = "delete instances " + ids + " of " + scaleSet.armId();
    LOG.info("{}", action);
    VirtualMachineScaleSetVMInstanceRequiredIDs request =
        new VirtualMachineScaleSetVMInstanceRequiredIDs().withInstanceIds(ids);
    return start(
        action,
        null,
        () ->
            scaleSets.deleteInstancesWithResponseAsync(
                scaleSet.resourceGroup(), scaleSet.name(), request, null));
  }

  @Override
  public OperationProgress follow(String reference) {
    requireNonNull(reference, "reference is null");
    return operations.follow(reference);
  }

  /**
   * Sends the write (the SDK's first request of its long-running operation) and returns once ARM
   * has accepted it, with the operation its answer names; never polls.
   */
  private CloudOperation start(
      String action, String etag, Supplier<Mono<Response<Flux<ByteBuffer>>>> write) {
    return call(
        action,
        etag,
        () -> {
          Response<Flux<ByteBuffer>> response = write.get().block();
          if (response == null) {
            throw new NodePoolException(
                NodePoolErrorCode.SERVER_ERROR, null, null, action + ": no answer", null);
          }
          // Read the body to its end so that the connection goes back to the pool.
          FluxUtil.collectBytesInByteBufferStream(response.getValue()).block();
          CloudOperation operation = ArmOperations.accepted(response.getHeaders());
          LOG.info("{}: accepted (HTTP {})", action, response.getStatusCode());
          return operation;
        });
  }

  private <T> T call(String action, String etag, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw errors.translate(action + " (" + scaleSet.armId() + ")", etag, e);
    }
  }

  private static NodePoolVm toVm(VirtualMachineScaleSetVMInner vm) {
    PowerState power = PowerState.UNKNOWN;
    if (vm.instanceView() != null && vm.instanceView().statuses() != null) {
      for (InstanceViewStatus status : vm.instanceView().statuses()) {
        if (PowerState.isPowerStateCode(status.code())) {
          power = PowerState.fromStatusCode(status.code());
        }
      }
    }
    String hostName =
        vm.osProfile() != null && vm.osProfile().computerName() != null
            ? vm.osProfile().computerName()
            : vm.name();
    return new NodePoolVm(
        vm.instanceId(),
        vm.name(),
        hostName,
        vm.provisioningState() != null ? vm.provisioningState() : "Unknown",
        power,
        vm.timeCreated() != null ? vm.timeCreated().toInstant() : null);
  }
}
