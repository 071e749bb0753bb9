package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A simulated Azure VM scale set: one node pool of one cluster. Stable API for the ARM emulator.
 *
 * <p>Semantics (as Azure): {@link #capacity()} is the number of VMs that exist (booting or
 * running). {@link #setCapacity(int)} creates VMs that boot in a random time ({@link
 * BootTimeModel}) and then register as NodeManagers, or removes VMs preferring ones that have not
 * booted yet, then the highest instance ids. {@link #deleteInstances(Collection)} removes exactly
 * the given VMs and lowers the capacity by as many. Instance ids are never reused. A removed VM's
 * NodeManager disappears from its cluster at once: its containers are lost and the applications
 * re-request lost executors (or fail if their driver was lost). Every VM is billed per second from
 * creation to deletion ({@link #lifetimes()}).
 *
 * <p>Every method is thread safe (locks the {@link Simulation}) and sees the model caught up with a
 * real-time clock. {@link #generation()} changes on every change of the scale set, for ETags.
 */
public final class SimulatedScaleSet {
  private final Simulation simulation;
  private final SimulatedCluster cluster;
  private final String armId;
  private final String name;
  private final String poolName;
  private final Sku sku;
  private final Priority priority;
  private final BootTimeModel bootTime;
  private final Random random;
  private final TreeMap<Integer, Vm> vms = new TreeMap<>();
  private final List<Vm> deleted = new ArrayList<>();
  private int nextInstanceId;
  private long generation;

  SimulatedScaleSet(
      Simulation simulation,
      SimulatedCluster cluster,
      String armId,
      String poolName,
      Sku sku,
      Priority priority,
      BootTimeModel bootTime) {
    this.simulation = requireNonNull(simulation, "simulation is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.armId = requireNonNull(armId, "armId is null");
    this.name = armId.substring(armId.lastIndexOf('/') + 1);
    this.poolName = requireNonNull(poolName, "poolName is null");
    this.sku = requireNonNull(sku, "sku is null");
    this.priority = requireNonNull(priority, "priority is null");
    this.bootTime = requireNonNull(bootTime, "bootTime is null");
    this.random = simulation.newRandom();
  }

  /**
   * The ARM resource id as configured, {@code /subscriptions/../virtualMachineScaleSets/<name>}.
   */
  public String armId() {
    return armId;
  }

  /** The scale set's name (last segment of the ARM id). */
  public String name() {
    return name;
  }

  public String poolName() {
    return poolName;
  }

  public String clusterName() {
    return cluster.name();
  }

  public Sku sku() {
    return sku;
  }

  public Priority priority() {
    return priority;
  }

  /** Number of VMs that exist (creating or running). */
  public int capacity() {
    synchronized (simulation) {
      simulation.catchUp();
      return vms.size();
    }
  }

  /** Increases on every change of capacity or of a VM's state. */
  public long generation() {
    synchronized (simulation) {
      simulation.catchUp();
      return generation;
    }
  }

  /** The existing VMs (creating or running), by instance id. */
  public List<SimulatedVm> vms() {
    synchronized (simulation) {
      simulation.catchUp();
      return vms.values().stream().map(Vm::snapshot).toList();
    }
  }

  public Optional<SimulatedVm> vm(String instanceId) {
    synchronized (simulation) {
      simulation.catchUp();
      return find(instanceId).map(Vm::snapshot);
    }
  }

  /** Every VM ever created here, deleted ones included, by instance id. */
  public List<VmLifetime> lifetimes() {
    synchronized (simulation) {
      simulation.catchUp();
      List<Vm> all = new ArrayList<>(deleted);
      all.addAll(vms.values());
      all.sort(Comparator.comparingInt(vm -> vm.instanceId));
      return all.stream()
          .map(
              vm ->
                  new VmLifetime(
                      armId, poolName, cluster.name(), sku.name(), priority, vm.snapshot()))
          .toList();
    }
  }

  /** Seconds billed so far over all VMs of this scale set. */
  public long billedSeconds() {
    synchronized (simulation) {
      Instant now = Instant.ofEpochMilli(simulation.now());
      return lifetimes().stream().mapToLong(lifetime -> lifetime.billedSeconds(now)).sum();
    }
  }

  /** Sets the number of VMs: creates booting VMs or removes VMs (Azure's choice, see above). */
  public void setCapacity(int capacity) {
    if (capacity < 0) {
      throw new IllegalArgumentException("capacity must not be negative, got " + capacity);
    }
    synchronized (simulation) {
      simulation.catchUp();
      while (vms.size() < capacity) {
        create();
      }
      if (vms.size() > capacity) {
        List<Vm> victims = new ArrayList<>(vms.values());
        victims.sort(
            Comparator.comparing((Vm vm) -> vm.state == VmState.RUNNING)
                .thenComparing(Comparator.comparingInt((Vm vm) -> vm.instanceId).reversed()));
        for (Vm vm : victims.subList(0, vms.size() - capacity)) {
          remove(vm, "scale-in");
        }
      }
      generation++;
    }
  }

  /**
   * Deletes exactly these VMs. All or nothing: an unknown (or already deleted) id throws {@link
   * IllegalArgumentException} naming it and nothing is deleted.
   */
  public void deleteInstances(Collection<String> instanceIds) {
    synchronized (simulation) {
      simulation.catchUp();
      Set<Vm> victims = new LinkedHashSet<>();
      for (String id : instanceIds) {
        victims.add(
            find(id)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "scale set " + name + " has no instance '" + id + "'")));
      }
      for (Vm vm : victims) {
        remove(vm, "deleted");
      }
      generation++;
    }
  }

  /**
   * Spot eviction: deletes up to {@code count} running VMs (highest instance ids first). Their
   * containers are lost.
   *
   * @return the evicted VMs
   * @throws IllegalStateException for an on-demand scale set
   */
  public List<SimulatedVm> evict(int count) {
    if (priority != Priority.SPOT) {
      throw new IllegalStateException("scale set " + name + " is not a spot scale set");
    }
    synchronized (simulation) {
      simulation.catchUp();
      List<Vm> victims =
          vms.descendingMap().values().stream()
              .filter(vm -> vm.state == VmState.RUNNING)
              .limit(count)
              .toList();
      for (Vm vm : victims) {
        remove(vm, "evicted");
      }
      generation++;
      return victims.stream().map(Vm::snapshot).toList();
    }
  }

  private Optional<Vm> find(String instanceId) {
    try {
      return Optional.ofNullable(vms.get(Integer.parseInt(instanceId)));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Backdates the creation (and boot) of every VM that exists to {@code createdMillis}, for a
   * history replayed at start: the VMs that ran it, billed since then.
   */
  public void backdate(long createdMillis) {
    synchronized (simulation) {
      simulation.catchUp();
      for (Vm vm : vms.values()) {
        vm.createdMillis = Math.min(vm.createdMillis, createdMillis);
        if (vm.runningMillis >= 0) {
          vm.runningMillis = Math.min(vm.runningMillis, createdMillis);
        }
      }
      generation++;
    }
  }

  /** Creates VMs that are running at once (the fleet as it stands when the simulation starts). */
  void createRunning(int count) {
    for (int i = 0; i < count; i++) {
      Vm vm = create();
      vm.boot.cancel();
      boot(vm);
    }
    generation++;
  }

  private Vm create() {
    int id = nextInstanceId++;
    String hostName =
        (name + String.format(Locale.ROOT, "%6s", Integer.toString(id, 36)).replace(' ', '0'))
            .toLowerCase(Locale.ROOT);
    Vm vm = new Vm(id, name + "_" + id, hostName, simulation.now());
    vms.put(id, vm);
    vm.boot = simulation.schedule(simulation.now() + bootTime.drawMillis(random), () -> boot(vm));
    return vm;
  }

  private void boot(Vm vm) {
    vm.state = VmState.RUNNING;
    vm.runningMillis = simulation.now();
    generation++;
    cluster.registerNode(vm.hostName, this, vm.id());
  }

  private void remove(Vm vm, String reason) {
    if (vm.boot != null) {
      vm.boot.cancel();
    }
    boolean registered = vm.state == VmState.RUNNING;
    vm.state = VmState.DELETED;
    vm.deletedMillis = simulation.now();
    vms.remove(vm.instanceId);
    deleted.add(vm);
    if (registered) {
      cluster.removeNode(vm.hostName, "VM " + vm.name + " " + reason);
    }
  }
}
