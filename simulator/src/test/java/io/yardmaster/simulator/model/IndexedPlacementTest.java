package io.yardmaster.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.Priority;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's {@link NodeIndex} picks the node a scan of every schedulable node picks, on
 * random fleets that change under it: nodes of several sizes and both priorities register,
 * containers of random sizes start and end, nodes are marked for removal, decommissioned and
 * recommissioned. The scan is the rule as it was written before the index: the candidates are the
 * schedulable nodes with room (on-demand ones only for a driver on a fleet that has any), in the
 * order they became schedulable; bin packing takes an unmarked node over a marked one, then the
 * larger allocated share, the first on a tie; spreading the smaller share, the first on a tie.
 */
class IndexedPlacementTest {
  private static final List<Resources> CAPACITIES =
      List.of(
          new Resources(114688, 16),
          new Resources(65536, 16),
          new Resources(32768, 8),
          new Resources(262144, 64));

  private static final List<Resources> SHAPES =
      List.of(
          new Resources(4096, 1),
          new Resources(16384, 4),
          new Resources(32768, 8),
          new Resources(2048, 2),
          new Resources(8192, 1));

  /** Container sizes, and asks up to a whole node, which a busy fleet often has no room for. */
  private static final List<Resources> ASKS =
      List.of(
          new Resources(4096, 1),
          new Resources(16384, 4),
          new Resources(32768, 8),
          new Resources(65536, 8),
          new Resources(114688, 16));

  private static final long[] SEEDS = {1, 2, 3, 5, 8, 13, 21, 34};

  @Test
  void binPackingPicksWhatAScanPicks() {
    for (long seed : SEEDS) {
      compareOnRandomFleet(new MostAllocatedPlacement(), IndexedPlacementTest::mostAllocated, seed);
    }
  }

  @Test
  void spreadingPicksWhatAScanPicks() {
    for (long seed : SEEDS) {
      compareOnRandomFleet(
          new LeastAllocatedPlacement(), IndexedPlacementTest::leastAllocated, seed);
    }
  }

  /** The rule a scan applies; null when no candidate. */
  private interface Scan {
    SimulatedNode choose(List<SimulatedNode> candidates);
  }

  private static void compareOnRandomFleet(PlacementPolicy policy, Scan rule, long seed) {
    Random random = new Random(seed);
    NodeIndex index = new NodeIndex(policy);
    List<SimulatedNode> schedulable = new ArrayList<>();
    List<SimulatedNode> all = new ArrayList<>();
    List<SimulatedContainer> running = new ArrayList<>();
    SimulatedApplication application =
        new SimulatedApplication(
            "application_1_0001",
            new ApplicationSpec(
                "a",
                "u",
                "root.default",
                List.of(),
                SHAPES.get(0),
                SHAPES.get(1),
                0,
                Duration.ZERO,
                null),
            0);
    int checks = 0;
    int found = 0;
    for (int step = 0; step < 4000; step++) {
      int what = random.nextInt(100);
      if (what < 3 || all.isEmpty()) {
        SimulatedNode node =
            new SimulatedNode(
                "n" + all.size(),
                CAPACITIES.get(random.nextInt(CAPACITIES.size())),
                null,
                null,
                random.nextInt(3) == 0 ? Priority.SPOT : Priority.ON_DEMAND,
                step);
        all.add(node);
        schedulable.add(node);
        index.add(node);
      } else if (what < 60) {
        for (int i = 0; i < 3; i++) {
          SimulatedNode node = all.get(random.nextInt(all.size()));
          Resources size = SHAPES.get(random.nextInt(SHAPES.size()));
          if (node.available().fits(size)) {
            SimulatedContainer container =
                new SimulatedContainer(
                    "c" + step + "-" + i, application, node, ContainerKind.EXECUTOR, size, step);
            node.add(container);
            running.add(container);
          }
        }
      } else if (what < 80 && !running.isEmpty()) {
        SimulatedContainer container = running.remove(random.nextInt(running.size()));
        container.node().release(container);
      } else if (what < 88) {
        SimulatedNode node = all.get(random.nextInt(all.size()));
        node.markedForRemoval(!node.markedForRemoval());
      } else if (what < 94) {
        SimulatedNode node = all.get(random.nextInt(all.size()));
        schedulable.remove(node);
        index.remove(node);
      } else {
        SimulatedNode node = all.get(random.nextInt(all.size()));
        if (!schedulable.contains(node)) {
          schedulable.add(node);
          index.add(node);
        }
      }
      assertThat(index.isEmpty()).isEqualTo(schedulable.isEmpty());
      boolean onDemandExists =
          schedulable.stream().anyMatch(node -> node.priority() == Priority.ON_DEMAND);
      assertThat(index.hasOnDemand()).isEqualTo(onDemandExists);
      for (int ask = 0; ask < 3; ask++) {
        Resources size = ASKS.get(random.nextInt(ASKS.size()));
        boolean onDemandOnly = onDemandExists && random.nextBoolean();
        List<SimulatedNode> candidates = new ArrayList<>();
        for (SimulatedNode node : schedulable) {
          if (node.available().fits(size)
              && (!onDemandOnly || node.priority() == Priority.ON_DEMAND)) {
            candidates.add(node);
          }
        }
        SimulatedNode expected = rule.choose(candidates);
        if (!candidates.isEmpty()) {
          assertThat(policy.choose(candidates)).isSameAs(expected);
          found++;
        }
        assertThat(index.best(size, onDemandOnly))
            .as("seed %d, step %d, ask %s, on-demand only %s", seed, step, size, onDemandOnly)
            .isSameAs(expected);
        checks++;
      }
    }
    assertThat(checks).isEqualTo(12_000);
    // the fleets are busy enough that asks both find and miss nodes
    assertThat(found).as("asks that found a node").isBetween(1000, checks - 500);
  }

  private static SimulatedNode mostAllocated(List<SimulatedNode> candidates) {
    SimulatedNode best = null;
    for (SimulatedNode node : candidates) {
      if (best == null) {
        best = node;
      } else if (node.markedForRemoval() != best.markedForRemoval()) {
        best = node.markedForRemoval() ? best : node;
      } else if (node.allocatedShare() > best.allocatedShare()) {
        best = node;
      }
    }
    return best;
  }

  private static SimulatedNode leastAllocated(List<SimulatedNode> candidates) {
    SimulatedNode best = null;
    for (SimulatedNode node : candidates) {
      if (best == null || node.allocatedShare() < best.allocatedShare()) {
        best = node;
      }
    }
    return best;
  }
}
