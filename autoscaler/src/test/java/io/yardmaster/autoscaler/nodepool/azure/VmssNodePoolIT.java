package io.yardmaster.autoscaler.nodepool.azure;

import static io.yardmaster.autoscaler.nodepool.azure.ArmEmulatorFixture.BATCH_ID;
import static io.yardmaster.autoscaler.nodepool.azure.ArmEmulatorFixture.MISSING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.OperationProgress.State;
import io.yardmaster.autoscaler.nodepool.PowerState;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.simulator.emulator.arm.ArmFault;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link VmssNodePool} through the real Azure SDK against the simulator's ARM emulator: writes
 * return once accepted, and their long-running operations are followed one look at a time, by this
 * pool or any other instance on the same scale set.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmssNodePoolIT {
  private ArmEmulatorFixture arm;
  private NodePool batch;
  private NodePool elsewhere;

  @BeforeAll
  void start() {
    arm = new ArmEmulatorFixture();
    batch = arm.configuredPool("batch");
    // Another instance on the same scale set, as another replica (or a restarted process) has.
    elsewhere = arm.pool(BATCH_ID);
  }

  @AfterAll
  void stop() {
    arm.close();
  }

  @BeforeEach
  void refillWriteBudgetAndClearFaults() {
    arm.faults().clear();
    arm.throttle().reset();
  }

  @Test
  void readsTheScaleSet() {
    ScaleSetState state = batch.read();

    assertThat(batch.poolName()).isEqualTo("batch");
    assertThat(state.id()).isEqualToIgnoringCase(BATCH_ID);
    assertThat(state.skuName()).isEqualTo(ArmEmulatorFixture.SKU);
    assertThat(state.capacity()).isGreaterThanOrEqualTo(0);
    assertThat(state.etag()).isNotBlank();
    assertThat(state.provisioningState()).isIn("Succeeded", "Updating");
    assertThat(batch.vms()).hasSize(state.capacity());
  }

  @Test
  void aGrowReturnsOnceAcceptedAndItsOperationLastsUntilTheNewVmsBooted() {
    ScaleSetState before = batch.read();
    List<String> existing = batch.vms().stream().map(NodePoolVm::instanceId).toList();

    CloudOperation operation = batch.setCapacity(before.capacity() + 2, before.etag());

    // Azure's scale-out operation lasts until the new VMs have booted (2.5 s simulated): the
    // write has returned long before, and the operation is still running.
    assertThat(operation.isCompleted()).isFalse();
    assertThat(operation.reference()).startsWith("async http://");
    assertThat(batch.follow(operation.reference()).state()).isEqualTo(State.IN_PROGRESS);
    assertThat(batch.read().capacity()).isEqualTo(before.capacity() + 2);
    assertThat(batch.read().provisioningState()).isEqualTo("Updating");
    List<NodePoolVm> added =
        batch.vms().stream().filter(vm -> !existing.contains(vm.instanceId())).toList();
    assertThat(added).hasSize(2);
    assertThat(added)
        .allSatisfy(
            vm -> {
              assertThat(vm.provisioningState()).isEqualTo("Creating");
              assertThat(vm.powerState()).isEqualTo(PowerState.STARTING);
              assertThat(vm.isRunning()).isFalse();
              assertThat(vm.hostName()).startsWith("vmss-batch");
              assertThat(vm.createdAt()).isNotNull();
            });

    arm.skip(Duration.ofSeconds(10));

    assertThat(elsewhere.follow(operation.reference()).state()).isEqualTo(State.SUCCEEDED);
    assertThat(batch.vms()).hasSize(before.capacity() + 2).allMatch(NodePoolVm::isRunning);
    assertThat(batch.read().provisioningState()).isEqualTo("Succeeded");
  }

  @Test
  void aStaleEtagIsRejectedAndAFreshReadSucceeds() {
    ScaleSetState first = batch.read();
    batch.setCapacity(first.capacity(), first.etag());
    ScaleSetState changed = batch.read();
    assertThat(changed.etag()).isNotEqualTo(first.etag());

    assertThatThrownBy(() -> batch.setCapacity(first.capacity() + 1, first.etag()))
        .isInstanceOfSatisfying(
            EtagMismatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.PRECONDITION_FAILED);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("PreconditionFailed");
              assertThat(e.sentEtag()).isEqualTo(first.etag());
            });
    assertThat(batch.read().capacity()).isEqualTo(first.capacity());

    ScaleSetState fresh = batch.read();
    assertThat(batch.setCapacity(fresh.capacity() + 1, fresh.etag()).isCompleted()).isFalse();
    assertThat(batch.read().capacity()).isEqualTo(first.capacity() + 1);
  }

  @Test
  void theThirteenthWriteWithinAMinuteIsThrottledWithRetryAfter() {
    for (int write = 1; write <= 12; write++) {
      ScaleSetState state = batch.read();
      batch.setCapacity(state.capacity(), state.etag());
    }
    ScaleSetState state = batch.read();

    assertThatThrownBy(() -> batch.setCapacity(state.capacity(), state.etag()))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.THROTTLED);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.cloudCode()).contains("OperationNotAllowed");
              // 4 writes a minute: the next token is at most 15 s away.
              assertThat(e.retryAfter())
                  .hasValueSatisfying(
                      wait ->
                          assertThat(wait)
                              .isPositive()
                              .isLessThanOrEqualTo(Duration.ofSeconds(15)));
            });
    assertThat(batch.read().etag()).as("reads are not throttled").isEqualTo(state.etag());
  }

  @Test
  void injectedThrottlingCarriesRetryAfter() {
    ScaleSetState state = batch.read();
    arm.faults().inject(BATCH_ID, ArmFault.status(429), 1);

    assertThatThrownBy(() -> batch.setCapacity(state.capacity(), state.etag()))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.THROTTLED);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
            });
  }

  @Test
  void aServerErrorIsRetriedOnceThenSurfacedAsTransient() {
    arm.faults().inject(BATCH_ID, ArmFault.status(500), 1);
    assertThat(batch.read().skuName()).isEqualTo(ArmEmulatorFixture.SKU);
    assertThat(arm.faults().pending(BATCH_ID)).isZero();

    arm.faults().inject(BATCH_ID, ArmFault.status(500), 2);
    assertThatThrownBy(() -> batch.read())
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.SERVER_ERROR);
              assertThat(e.isTransient()).isTrue();
              assertThat(e.cloudCode()).contains("InternalServerError");
            });
  }

  @Test
  void aSlowAnswerTimesOut() {
    arm.faults().inject(BATCH_ID, ArmFault.delay(Duration.ofSeconds(3)), 2);

    assertThatThrownBy(() -> batch.vms())
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.TIMEOUT);
              assertThat(e.isTransient()).isTrue();
            });
  }

  @Test
  void aFailedOperationIsReportedWithArmsErrorCode() {
    ScaleSetState state = batch.read();
    arm.faults().failOperations(BATCH_ID, "AllocationFailed", 1);

    CloudOperation failing = batch.setCapacity(state.capacity(), state.etag());
    arm.skip(Duration.ofSeconds(1));

    OperationProgress progress = batch.follow(failing.reference());
    assertThat(progress.state()).isEqualTo(State.FAILED);
    assertThat(progress.cloudCode()).isEqualTo("AllocationFailed");
    assertThat(progress.detail()).contains("AllocationFailed");
    ScaleSetState after = batch.read();
    CloudOperation next = batch.setCapacity(after.capacity(), after.etag());
    arm.skip(Duration.ofSeconds(1));
    assertThat(batch.follow(next.reference()).state())
        .as("only the next operation fails")
        .isEqualTo(State.SUCCEEDED);
  }

  @Test
  void deletesExactlyTheGivenInstances() {
    ScaleSetState before = batch.read();
    batch.setCapacity(before.capacity() + 3, before.etag());
    List<String> ids = batch.vms().stream().map(NodePoolVm::instanceId).toList();
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
    Set<String> victims = Set.of(ids.get(0), ids.get(2));

    CloudOperation delete = batch.deleteInstances(victims);

    assertThat(delete.isCompleted()).isFalse();
    arm.skip(Duration.ofSeconds(1));
    assertThat(batch.follow(delete.reference()).state()).isEqualTo(State.SUCCEEDED);
    assertThat(batch.vms())
        .extracting(NodePoolVm::instanceId)
        .containsExactlyElementsOf(ids.stream().filter(id -> !victims.contains(id)).toList());
    assertThat(batch.read().capacity()).isEqualTo(ids.size() - 2);
  }

  @Test
  void anOperationArmForgotOrThatIsNotOnItsEndpointIsUnknown() {
    ScaleSetState state = batch.read();
    String reference = batch.setCapacity(state.capacity(), state.etag()).reference();
    String unknownId = reference.replaceAll("/operations/[^?]+", "/operations/no-such-operation");

    assertThat(batch.follow(unknownId).state()).isEqualTo(State.UNKNOWN);
    // A reference is read back from the database: the bearer token never follows it elsewhere.
    String elsewhereHost = reference.replaceFirst("http://[^/]+", "http://attacker.example");
    OperationProgress refused = batch.follow(elsewhereHost);
    assertThat(refused.state()).isEqualTo(State.UNKNOWN);
    assertThat(refused.detail()).contains("not on the ARM endpoint");
    assertThat(batch.follow("not a reference").state()).isEqualTo(State.UNKNOWN);
  }

  @Test
  void deletingAnUnknownInstanceIsABadRequestAndDeletesNothing() {
    List<NodePoolVm> before = batch.vms();

    assertThatThrownBy(() -> batch.deleteInstances(Set.of("987654")))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.BAD_REQUEST);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("InvalidParameter");
            });
    assertThat(batch.vms())
        .extracting(NodePoolVm::instanceId)
        .containsExactlyElementsOf(before.stream().map(NodePoolVm::instanceId).toList());
  }

  @Test
  void anUnknownScaleSetIsNotFound() {
    NodePool missing = arm.pool(MISSING_ID);

    assertThatThrownBy(missing::read)
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.NOT_FOUND);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("ResourceNotFound");
            });
    assertThatThrownBy(() -> missing.setCapacity(3, "\"1\""))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> assertThat(e.code()).isEqualTo(NodePoolErrorCode.NOT_FOUND));
  }
}
