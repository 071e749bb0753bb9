package io.yardmaster.autoscaler.policy;

import io.yardmaster.core.registry.Sku;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Hand-built pool snapshots for policy tests: a pool of 16-vcore / 112 GB NodeManagers. */
final class Snapshots {
  static final Sku SKU = new Sku("Standard_E16s_v5", 16, 131072, 16, 114688);

  private final List<NodeView> nodes = new ArrayList<>();
  private Demand demand = fresh();
  private int capacity = -1;
  private int booting;
  private int min;
  private int max = 100;
  private boolean spot;
  private int rank;
  private boolean preferredExhausted;
  private int spare;

  static Snapshots pool() {
    return new Snapshots();
  }

  static Demand fresh(ContainerShape... shapes) {
    long vcores = 0;
    long memory = 0;
    for (ContainerShape shape : shapes) {
      vcores += (long) shape.count() * shape.vcores();
      memory += (long) shape.count() * shape.memoryMb();
    }
    return new Demand(vcores, memory, List.of(shapes), Duration.ofSeconds(10), false);
  }

  Snapshots freeNode(String id) {
    nodes.add(new NodeView(id, id + "-vm", "RUNNING", 0, 0, 0, 0, 16, 114688));
    return this;
  }

  Snapshots busyNode(String id, int containers, int usedVcores, long usedMemoryMb) {
    nodes.add(
        new NodeView(
            id, id + "-vm", "RUNNING", containers, 1, usedVcores, usedMemoryMb, 16, 114688));
    return this;
  }

  Snapshots node(NodeView node) {
    nodes.add(node);
    return this;
  }

  Snapshots demand(Demand value) {
    this.demand = value;
    return this;
  }

  Snapshots capacity(int value) {
    this.capacity = value;
    return this;
  }

  Snapshots booting(int value) {
    this.booting = value;
    return this;
  }

  Snapshots bounds(int minNodes, int maxNodes) {
    this.min = minNodes;
    this.max = maxNodes;
    return this;
  }

  Snapshots spare(int value) {
    this.spare = value;
    return this;
  }

  Snapshots spot() {
    this.spot = true;
    return this;
  }

  Snapshots rank(int value, boolean exhausted) {
    this.rank = value;
    this.preferredExhausted = exhausted;
    return this;
  }

  PoolSnapshot build() {
    int read = capacity >= 0 ? capacity : nodes.size() + booting;
    return new PoolSnapshot(
        "pool-a",
        "c1",
        SKU,
        spot,
        min,
        max,
        read,
        booting,
        nodes,
        demand,
        rank,
        preferredExhausted,
        spare);
  }
}
