package io.yardmaster.simulator.model;

/** Where a scale-set VM is in its life. */
public enum VmState {
  /** Created and billed, booting; its NodeManager has not registered yet. */
  CREATING,
  /** Booted; its NodeManager is registered with the cluster. */
  RUNNING,
  /** Deleted (scale-in, deleteInstances or spot eviction); no longer billed. */
  DELETED;

  /** ARM {@code provisioningState} of a VM in this state. */
  public String provisioningState() {
    return switch (this) {
      case CREATING -> "Creating";
      case RUNNING -> "Succeeded";
      case DELETED -> "Deleting";
    };
  }

  /** ARM instance-view power state code, e.g. {@code PowerState/running}. */
  public String powerState() {
    return switch (this) {
      case CREATING -> "PowerState/starting";
      case RUNNING -> "PowerState/running";
      case DELETED -> "PowerState/stopped";
    };
  }
}
