package io.yardmaster.simulator.emulator.arm;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.SimulatedVm;
import io.yardmaster.simulator.model.VmLifetime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Renders the model's scale sets and VMs as ARM resources. */
final class ArmScaleSetViews {
  private static final String TIER = "Standard";

  private final Fleet fleet;
  private final ArmOperations operations;
  private final String location;

  ArmScaleSetViews(Fleet fleet, ArmOperations operations, String location) {
    this.fleet = fleet;
    this.operations = operations;
    this.location = location;
  }

  /**
   * The scale set's ETag: a version that grows with every VM created or deleted and every accepted
   * write, but not when a VM finishes booting (as Azure's, which follows the scale set's model).
   */
  String etag(SimulatedScaleSet scaleSet) {
    long version =
        fleet.locked(
            () -> {
              List<VmLifetime> lifetimes = scaleSet.lifetimes();
              long deleted = lifetimes.stream().filter(l -> l.vm().deletedAt() != null).count();
              return lifetimes.size() + deleted;
            });
    return "\"" + (version + operations.writes(scaleSet.armId())) + "\"";
  }

  ArmWire.ScaleSet scaleSet(SimulatedScaleSet scaleSet) {
    boolean spot = scaleSet.priority() == Priority.SPOT;
    return new ArmWire.ScaleSet(
        scaleSet.armId(),
        scaleSet.name(),
        ArmEmulator.SCALE_SET_TYPE,
        location,
        etag(scaleSet),
        new ArmWire.Sku(scaleSet.sku().name(), TIER, (long) scaleSet.capacity()),
        new ArmWire.ScaleSetProperties(
            operations.busy(scaleSet.armId()) ? "Updating" : "Succeeded",
            "Uniform",
            uuid(scaleSet.armId()),
            false,
            new ArmWire.UpgradePolicy("Manual"),
            new ArmWire.VmProfile(spot ? "Spot" : "Regular", spot ? "Delete" : null)));
  }

  ArmWire.VmList vms(SimulatedScaleSet scaleSet, boolean instanceView) {
    List<ArmWire.Vm> result = new ArrayList<>();
    for (SimulatedVm vm : scaleSet.vms()) {
      String id = scaleSet.armId() + "/virtualMachines/" + vm.instanceId();
      ArmWire.InstanceView view =
          instanceView
              ? new ArmWire.InstanceView(
                  List.of(
                      status(
                          "ProvisioningState/" + vm.provisioningState().toLowerCase(Locale.ROOT)),
                      status(vm.powerState())))
              : null;
      result.add(
          new ArmWire.Vm(
              id,
              vm.name(),
              ArmEmulator.SCALE_SET_TYPE + "/virtualMachines",
              location,
              vm.instanceId(),
              new ArmWire.Sku(scaleSet.sku().name(), TIER, null),
              new ArmWire.VmProperties(
                  vm.provisioningState(),
                  uuid(id),
                  true,
                  vm.createdAt().toString(),
                  new ArmWire.OsProfile(vm.hostName()),
                  view)));
    }
    return new ArmWire.VmList(result);
  }

  private static ArmWire.Status status(String code) {
    String state = code.substring(code.indexOf('/') + 1);
    String display =
        state.isEmpty() ? state : Character.toUpperCase(state.charAt(0)) + state.substring(1);
    if (code.startsWith("PowerState/")) {
      display = "VM " + state;
    }
    return new ArmWire.Status(code, "Info", display);
  }

  private static String uuid(String armId) {
    return UUID.nameUUIDFromBytes(armId.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8))
        .toString();
  }
}
