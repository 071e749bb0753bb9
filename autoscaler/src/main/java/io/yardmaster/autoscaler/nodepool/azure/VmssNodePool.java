package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.core.management.polling.PollResult;
import com.azure.core.util.Context;
import com.azure.core.util.polling.LongRunningOperationStatus;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.compute.fluent.VirtualMachineScaleSetVMsClient;
import com.azure.resourcemanager.compute.fluent.VirtualMachineScaleSetsClient;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineScaleSetVMInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.Sku;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetUpdate;
import com.azure.resourcemanager.compute.models.VirtualMachineScaleSetVMInstanceRequiredIDs;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationResult;
import io.yardmaster.autoscaler.nodepool.OperationResult.OperationStatus;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NodePool} on an Azure VM scale set (Uniform orchestration) through the compute SDK's
 * service clients, which, unlike the fluent {@code update().withCapacity(n).apply()}, send {@code
 * If-Match}: {@link VirtualMachineScaleSetsClient#beginUpdate(String, String,
 * VirtualMachineScaleSetUpdate, String, String, Context)} with a PATCH of {@code sku.capacity}.
 */
public final class VmssNodePool implements NodePool {
  private static final Logger LOG = LoggerFactory.getLogger(VmssNodePool.class);
  private static final String EXPAND_INSTANCE_VIEW = "instanceView";
  private static final Pattern ERROR_CODE =
      Pattern.compile("\"error\"\\s*:\\s*\\{[^}]*?\"code\"\\s*:\\s*\"([^\"]+)\"");

  private final String poolName;
  private final ArmScaleSetId scaleSet;
  private final VirtualMachineScaleSetsClient scaleSets;
  private final VirtualMachineScaleSetVMsClient scaleSetVms;
  private final Duration operationTimeout;
  private final Duration pollInterval;
  private final Clock clock;
  private final ArmErrors errors;

  public VmssNodePool(
      String poolName,
      ArmScaleSetId scaleSet,
      VirtualMachineScaleSetsClient scaleSets,
      VirtualMachineScaleSetVMsClient scaleSetVms,
      Duration operationTimeout,
      Duration pollInterval,
      Clock clock) {
    this.poolName = requireNonNull(poolName, "poolName is null");
    this.scaleSet = requireNonNull(scaleSet, "scaleSet is null");
    this.scaleSets = requireNonNull(scaleSets, "scaleSets is null");
    this.scaleSetVms = requireNonNull(scaleSetVms, "scaleSetVms is null");
    this.operationTimeout = requireNonNull(operationTimeout, "operationTimeout is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.errors = new ArmErrors(clock);
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
  public OperationResult setCapacity(int target, String etag) {
    if (target < 0) {
      throw new IllegalArgumentException("target capacity is negative: " + target);
    }
    requireNonNull(etag, "etag is null");
    VirtualMachineScaleSetUpdate update =
        new VirtualMachineScaleSetUpdate().withSku(new Sku().withCapacity((long) target));
    String action = "set capacity of " + scaleSet.armId() + " to " + target;
    LOG.info("{} (If-Match {})", action, etag);
    return await(
        action,
        etag,
        () ->
            scaleSets.beginUpdate(
                scaleSet.resourceGroup(), scaleSet.name(), update, etag, null, Context.NONE));
  }

  @Override
  public OperationResult deleteInstances(Set<String> instanceIds) {
    if (instanceIds.isEmpty()) {
      throw new IllegalArgumentException("no instance ids to delete");
    }
    List<String> ids = List.copyOf(new TreeSet<>(instanceIds));
    String action = "delete instances " + ids + " of " + scaleSet.armId();
    LOG.info("{}", action);
    VirtualMachineScaleSetVMInstanceRequiredIDs request =
        new VirtualMachineScaleSetVMInstanceRequiredIDs().withInstanceIds(ids);
    return await(
        action,
        null,
        () ->
            scaleSets.beginDeleteInstances(
                scaleSet.resourceGroup(), scaleSet.name(), request, null, Context.NONE));
  }

  private OperationResult await(String action, String etag, Supplier<SyncPoller<?, ?>> begin) {
    Instant started = clock.instant();
    SyncPoller<?, ?> poller = call(action, etag, begin);
    poller.setPollInterval(pollInterval);
    PollResponse<?> last;
    try {
      last = poller.waitForCompletion(operationTimeout);
    } catch (RuntimeException e) {
      NodePoolException failure = errors.translate(action, etag, e);
      if (failure.code() == NodePoolErrorCode.TIMEOUT) {
        LOG.info("{}: still running after {}", action, operationTimeout);
        return new OperationResult(OperationStatus.IN_PROGRESS, waitedSince(started));
      }
      throw failure;
    }
    LongRunningOperationStatus status = last.getStatus();
    if (status == LongRunningOperationStatus.SUCCESSFULLY_COMPLETED) {
      return new OperationResult(OperationStatus.SUCCEEDED, waitedSince(started));
    }
    if (status == LongRunningOperationStatus.FAILED
        || status == LongRunningOperationStatus.USER_CANCELLED) {
      throw operationFailed(action, status, last.getValue());
    }
    return new OperationResult(OperationStatus.IN_PROGRESS, waitedSince(started));
  }

  /** The ARM error of a failed operation, e.g. {@code AllocationFailed}, from its status body. */
  private static NodePoolException operationFailed(
      String action, LongRunningOperationStatus status, Object result) {
    String code = status.toString();
    String message = action + " ended " + status;
    if (result instanceof PollResult<?> poll && poll.getError() != null) {
      PollResult.Error error = poll.getError();
      message = message + ": " + error.getMessage();
      Matcher matcher =
          ERROR_CODE.matcher(error.getResponseBody() == null ? "" : error.getResponseBody());
      if (matcher.find()) {
        code = matcher.group(1);
      }
    }
    return new NodePoolException(NodePoolErrorCode.OPERATION_FAILED, code, null, message, null);
  }

  private <T> T call(String action, String etag, Supplier<T> request) {
    try {
      return request.get();
    } catch (RuntimeException e) {
      throw errors.translate(action + " (" + scaleSet.armId() + ")", etag, e);
    }
  }

  private Duration waitedSince(Instant started) {
    Duration waited = Duration.between(started, clock.instant());
    return waited.isNegative() ? Duration.ZERO : waited;
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
