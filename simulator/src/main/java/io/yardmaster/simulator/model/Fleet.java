package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.core.registry.Sku;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The simulated fleet: YARN clusters and the VM scale sets whose VMs are their NodeManagers, on one
 * {@link Simulation}. Built with {@link #builder(SimulationClock, long)}; deterministic for a seed
 * under a {@link VirtualClock}.
 */
public final class Fleet {
  private final Simulation simulation;
  private final Map<String, SimulatedCluster> clusters;
  private final Map<String, SimulatedScaleSet> scaleSets;

  private Fleet(
      Simulation simulation,
      Map<String, SimulatedCluster> clusters,
      Map<String, SimulatedScaleSet> scaleSets) {
    this.simulation = simulation;
    this.clusters = Map.copyOf(clusters);
    this.scaleSets = scaleSets;
  }

  public static Builder builder(SimulationClock clock, long seed) {
    return new Builder(new Simulation(clock, seed));
  }

  public Simulation simulation() {
    return simulation;
  }

  /** The current simulated instant. */
  public Instant now() {
    synchronized (simulation) {
      simulation.catchUp();
      return Instant.ofEpochMilli(simulation.now());
    }
  }

  /** Runs {@code reader} with the model locked and caught up with a real-time clock. */
  public <T> T locked(Supplier<T> reader) {
    synchronized (simulation) {
      simulation.catchUp();
      return reader.get();
    }
  }

  /** Clusters by name. */
  public List<SimulatedCluster> clusters() {
    return clusters.values().stream()
        .sorted(java.util.Comparator.comparing(SimulatedCluster::name))
        .toList();
  }

  public Optional<SimulatedCluster> cluster(String name) {
    return Optional.ofNullable(clusters.get(name));
  }

  /** The scale set with this ARM id (compared ignoring case, as ARM does). */
  public Optional<SimulatedScaleSet> scaleSet(String armId) {
    return Optional.ofNullable(scaleSets.get(armId.toLowerCase(Locale.ROOT)));
  }

  /** All scale sets in the order they were added. */
  public List<SimulatedScaleSet> scaleSets() {
    return List.copyOf(scaleSets.values());
  }

  public List<SimulatedScaleSet> scaleSetsOf(String cluster) {
    return scaleSets.values().stream()
        .filter(scaleSet -> scaleSet.clusterName().equals(cluster))
        .toList();
  }

  /** Every VM ever created in any scale set, for billing. */
  public List<VmLifetime> lifetimes() {
    synchronized (simulation) {
      List<VmLifetime> all = new ArrayList<>();
      for (SimulatedScaleSet scaleSet : scaleSets.values()) {
        all.addAll(scaleSet.lifetimes());
      }
      return all;
    }
  }

  /** Builds a fleet; clusters first, then their pools. */
  public static final class Builder {
    private final Simulation simulation;
    private final Map<String, SimulatedCluster> clusters = new LinkedHashMap<>();
    private final Map<String, SimulatedScaleSet> scaleSets = new LinkedHashMap<>();
    private BootTimeModel bootTime = BootTimeModel.DEFAULT;
    private PlacementPolicy placement = new MostAllocatedPlacement();
    private int maxCompletedApplications = 1000;

    private Builder(Simulation simulation) {
      this.simulation = simulation;
    }

    public Builder bootTime(BootTimeModel bootTime) {
      this.bootTime = requireNonNull(bootTime, "bootTime is null");
      return this;
    }

    public Builder placement(PlacementPolicy placement) {
      this.placement = requireNonNull(placement, "placement is null");
      return this;
    }

    /** Finished applications each RM keeps (YARN's default is 1000). */
    public Builder maxCompletedApplications(int max) {
      this.maxCompletedApplications = max;
      return this;
    }

    public Builder cluster(String name) {
      if (clusters.containsKey(name)) {
        throw new IllegalArgumentException("cluster " + name + " is already defined");
      }
      clusters.put(
          name, new SimulatedCluster(name, simulation, placement, maxCompletedApplications));
      return this;
    }

    /**
     * Adds a scale set to a cluster defined before, with {@code initialNodes} VMs that are already
     * running when the simulation starts.
     */
    public Builder pool(
        String poolName,
        String cluster,
        String armId,
        Sku sku,
        Priority priority,
        int initialNodes) {
      SimulatedCluster owner = clusters.get(cluster);
      if (owner == null) {
        throw new IllegalArgumentException("pool " + poolName + ": unknown cluster " + cluster);
      }
      String key = armId.toLowerCase(Locale.ROOT);
      if (scaleSets.containsKey(key)) {
        throw new IllegalArgumentException("scale set " + armId + " is already defined");
      }
      SimulatedScaleSet scaleSet =
          new SimulatedScaleSet(simulation, owner, armId, poolName, sku, priority, bootTime);
      scaleSet.createRunning(initialNodes);
      scaleSets.put(key, scaleSet);
      return this;
    }

    public Fleet build() {
      return new Fleet(simulation, clusters, scaleSets);
    }
  }
}
