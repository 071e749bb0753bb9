package io.yardmaster.simulator.model;

import java.time.Instant;

/** The mutable state of one VM inside a {@link SimulatedScaleSet}. */
final class Vm {
  final int instanceId;
  final String name;
  final String hostName;

  /** Not final: a history replayed at start backdates the VMs the fleet starts with. */
  long createdMillis;

  VmState state = VmState.CREATING;
  long runningMillis = -1;
  long deletedMillis = -1;
  Simulation.Cancellable boot;

  Vm(int instanceId, String name, String hostName, long createdMillis) {
    this.instanceId = instanceId;
    this.name = name;
    this.hostName = hostName;
    this.createdMillis = createdMillis;
  }

  String id() {
    return Integer.toString(instanceId);
  }

  SimulatedVm snapshot() {
    return new SimulatedVm(
        id(),
        name,
        hostName,
        state,
        Instant.ofEpochMilli(createdMillis),
        runningMillis < 0 ? null : Instant.ofEpochMilli(runningMillis),
        deletedMillis < 0 ? null : Instant.ofEpochMilli(deletedMillis));
  }
}
