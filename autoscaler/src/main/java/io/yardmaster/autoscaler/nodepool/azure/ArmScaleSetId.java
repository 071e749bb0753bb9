package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

/**
 * The parts of a scale set's ARM id {@code
 * /subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.Compute/virtualMachineScaleSets/<name>}.
 */
public record ArmScaleSetId(String subscriptionId, String resourceGroup, String name) {
  private static final String[] FIXED = {
    "subscriptions", "resourceGroups", "providers", "Microsoft.Compute", "virtualMachineScaleSets"
  };

  public ArmScaleSetId {
    requireNonNull(subscriptionId, "subscriptionId is null");
    requireNonNull(resourceGroup, "resourceGroup is null");
    requireNonNull(name, "name is null");
  }

  /** Parses an ARM id; the fixed segments match case-insensitively, as ARM does. */
  public static ArmScaleSetId parse(String armId) {
    requireNonNull(armId, "armId is null");
    String[] parts = armId.split("/", -1);
    boolean valid =
        parts.length == 9
            && parts[0].isEmpty()
            && parts[1].equalsIgnoreCase(FIXED[0])
            && parts[3].equalsIgnoreCase(FIXED[1])
            && parts[5].equalsIgnoreCase(FIXED[2])
            && parts[6].equalsIgnoreCase(FIXED[3])
            && parts[7].equalsIgnoreCase(FIXED[4])
            && !parts[2].isBlank()
            && !parts[4].isBlank()
            && !parts[8].isBlank();
    if (!valid) {
      throw new IllegalArgumentException("not a virtual machine scale set ARM id: '" + armId + "'");
    }
    return new ArmScaleSetId(parts[2], parts[4], parts[8]);
  }

  public String armId() {
    return "/subscriptions/"
        + subscriptionId
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }
}
