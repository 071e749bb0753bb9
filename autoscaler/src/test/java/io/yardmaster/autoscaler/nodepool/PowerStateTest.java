package io.yardmaster.autoscaler.nodepool;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PowerStateTest {

  @Test
  void parsesInstanceViewPowerStates() {
    assertThat(PowerState.fromStatusCode("PowerState/running")).isEqualTo(PowerState.RUNNING);
    assertThat(PowerState.fromStatusCode("PowerState/starting")).isEqualTo(PowerState.STARTING);
    assertThat(PowerState.fromStatusCode("PowerState/deallocated"))
        .isEqualTo(PowerState.DEALLOCATED);
    assertThat(PowerState.fromStatusCode("powerstate/Stopped")).isEqualTo(PowerState.STOPPED);
  }

  @Test
  void otherStatusesAreNotPowerStates() {
    assertThat(PowerState.isPowerStateCode("ProvisioningState/succeeded")).isFalse();
    assertThat(PowerState.fromStatusCode("ProvisioningState/succeeded"))
        .isEqualTo(PowerState.UNKNOWN);
    assertThat(PowerState.fromStatusCode("PowerState/hibernated")).isEqualTo(PowerState.UNKNOWN);
    assertThat(PowerState.fromStatusCode(null)).isEqualTo(PowerState.UNKNOWN);
  }

  @Test
  void aVmRunsOnlyWhenProvisionedAndPoweredOn() {
    assertThat(
            new NodePoolVm("1", "vmss_1", "vmss000001", "Succeeded", PowerState.RUNNING, null)
                .isRunning())
        .isTrue();
    assertThat(
            new NodePoolVm("1", "vmss_1", "vmss000001", "Creating", PowerState.RUNNING, null)
                .isRunning())
        .isFalse();
    assertThat(
            new NodePoolVm("1", "vmss_1", "vmss000001", "Succeeded", PowerState.STARTING, null)
                .isRunning())
        .isFalse();
  }
}
