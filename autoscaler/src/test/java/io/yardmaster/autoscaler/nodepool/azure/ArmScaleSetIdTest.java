package io.yardmaster.autoscaler.nodepool.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ArmScaleSetIdTest {

  @Test
  void parsesAnArmIdIgnoringTheCaseOfItsFixedSegments() {
    ArmScaleSetId id =
        ArmScaleSetId.parse(
            "/subscriptions/sub-1/resourcegroups/rg-1/providers/microsoft.compute/"
                + "virtualMachineScaleSets/vmss-a");

    assertThat(id).isEqualTo(new ArmScaleSetId("sub-1", "rg-1", "vmss-a"));
    assertThat(id.armId())
        .isEqualTo(
            "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/"
                + "virtualMachineScaleSets/vmss-a");
  }

  @Test
  void rejectsOtherResources() {
    assertThatThrownBy(
            () ->
                ArmScaleSetId.parse(
                    "/subscriptions/sub-1/resourceGroups/rg-1/providers/Microsoft.Compute/"
                        + "virtualMachines/vm-a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("virtualMachines/vm-a");
    assertThatThrownBy(() -> ArmScaleSetId.parse("vmss-a"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
