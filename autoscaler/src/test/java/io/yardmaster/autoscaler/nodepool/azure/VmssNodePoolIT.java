package io.yardmaster.autoscaler.nodepool.azure;

import static io.yardmaster.autoscaler.nodepool.azure.ArmEmulatorFixture.BATCH_ID;
import static io.yardmaster.autoscaler.nodepool.azure.ArmEmulatorFixture.MISSING_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationResult;
import io.yardmaster.autoscaler.nodepool.OperationResult.OperationStatus;
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

/** {@link VmssNodePool} through the real Azure SDK against the simulator's ARM emulator. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VmssNodePoolIT {
  private ArmEmulatorFixture arm;
  private NodePool batch;
  private NodePool patient;

  @BeforeAll
  void start() {
    arm = new ArmEmulatorFixture();
    batch = arm.configuredPool("batch");
    patient = arm.pool(BATCH_ID, Duration.ofSeconds(30));
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
  void growingAddsVmsThatBootThenRun() {
    ScaleSetState before = batch.read();
    List<String> existing = batch.vms().stream().map(NodePoolVm::instanceId).toList();

    OperationResult result = batch.setCapacity(before.capacity() + 2, before.etag());

    // Azure's scale-out operation lasts until the new VMs have booted (2.5 s here): longer than
    // the pool's 300 ms wait, so the write is accepted and still running.
    assertThat(result.status()).isEqualTo(OperationStatus.IN_PROGRESS);
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

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              assertThat(batch.vms())
                  .hasSize(before.capacity() + 2)
                  .allMatch(NodePoolVm::isRunning);
              assertThat(batch.read().provisioningState()).isEqualTo("Succeeded");
            });
  }

  @Test
  void aPatientWriteWaitsForTheOperationToSucceed() {
    ScaleSetState before = patient.read();

    OperationResult result = patient.setCapacity(before.capacity() + 1, before.etag());

    assertThat(result.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(patient.vms()).hasSize(before.capacity() + 1).allMatch(NodePoolVm::isRunning);
  }

  @Test
  void aStaleEtagIsRejectedAndAFreshReadSucceeds() {
    ScaleSetState first = patient.read();
    patient.setCapacity(first.capacity(), first.etag());
    ScaleSetState changed = patient.read();
    assertThat(changed.etag()).isNotEqualTo(first.etag());

    assertThatThrownBy(() -> patient.setCapacity(first.capacity() + 1, first.etag()))
        .isInstanceOfSatisfying(
            EtagMismatchException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.PRECONDITION_FAILED);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("PreconditionFailed");
              assertThat(e.sentEtag()).isEqualTo(first.etag());
            });
    assertThat(patient.read().capacity()).isEqualTo(first.capacity());

    ScaleSetState fresh = patient.read();
    assertThat(patient.setCapacity(fresh.capacity() + 1, fresh.etag()).status())
        .isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(patient.read().capacity()).isEqualTo(first.capacity() + 1);
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
    ScaleSetState state = patient.read();
    arm.faults().failOperations(BATCH_ID, "AllocationFailed", 1);

    assertThatThrownBy(() -> patient.setCapacity(state.capacity(), state.etag()))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.OPERATION_FAILED);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("AllocationFailed");
            });
    ScaleSetState after = patient.read();
    assertThat(patient.setCapacity(after.capacity(), after.etag()).status())
        .as("only the next operation fails")
        .isEqualTo(OperationStatus.SUCCEEDED);
  }

  @Test
  void deletesExactlyTheGivenInstances() {
    ScaleSetState before = patient.read();
    patient.setCapacity(before.capacity() + 3, before.etag());
    List<String> ids = patient.vms().stream().map(NodePoolVm::instanceId).toList();
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3);
    Set<String> victims = Set.of(ids.get(0), ids.get(2));

    OperationResult result = patient.deleteInstances(victims);

    assertThat(result.status()).isEqualTo(OperationStatus.SUCCEEDED);
    assertThat(patient.vms())
        .extracting(NodePoolVm::instanceId)
        .containsExactlyElementsOf(ids.stream().filter(id -> !victims.contains(id)).toList());
    assertThat(patient.read().capacity()).isEqualTo(ids.size() - 2);
  }

  @Test
  void deletingAnUnknownInstanceIsABadRequestAndDeletesNothing() {
    List<NodePoolVm> before = patient.vms();

    assertThatThrownBy(() -> patient.deleteInstances(Set.of("987654")))
        .isInstanceOfSatisfying(
            NodePoolException.class,
            e -> {
              assertThat(e.code()).isEqualTo(NodePoolErrorCode.BAD_REQUEST);
              assertThat(e.isTransient()).isFalse();
              assertThat(e.cloudCode()).contains("InvalidParameter");
            });
    assertThat(patient.vms())
        .extracting(NodePoolVm::instanceId)
        .containsExactlyElementsOf(before.stream().map(NodePoolVm::instanceId).toList());
  }

  @Test
  void anUnknownScaleSetIsNotFound() {
    NodePool missing = arm.pool(MISSING_ID, Duration.ofSeconds(1));

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
