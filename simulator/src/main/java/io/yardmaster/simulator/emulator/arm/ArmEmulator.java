package io.yardmaster.simulator.emulator.arm;

/** Constants of the ARM (Azure Resource Manager) VM scale set emulator. */
public final class ArmEmulator {
  /** The simulator's switch; the emulator's beans exist unless it is {@code false}. */
  public static final String ENABLED = "yardmaster.simulator.enabled";

  /**
   * Where the emulator answers: the SDK's resource-manager endpoint is {@code
   * http://host:port/sim/arm/}.
   */
  public static final String BASE_PATH = "/sim/arm";

  static final String SCALE_SET_PATH =
      BASE_PATH
          + "/subscriptions/{subscription}/resourceGroups/{resourceGroup}"
          + "/providers/Microsoft.Compute/virtualMachineScaleSets/{name}";

  static final String OPERATION_PATH =
      BASE_PATH
          + "/subscriptions/{subscription}/providers/Microsoft.Compute/locations/{location}"
          + "/operations/{operationId}";

  static final String SCALE_SET_TYPE = "Microsoft.Compute/virtualMachineScaleSets";

  private ArmEmulator() {}

  static String armId(String subscription, String resourceGroup, String name) {
    return "/subscriptions/"
        + subscription
        + "/resourceGroups/"
        + resourceGroup
        + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }
}
