package io.yardmaster.bench.autoscaling;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.VmState;
import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Spot evictions in the replay: every step, each running VM of a spot scale set is evicted with the
 * chance the hourly rate gives that step (independently, from a seeded source); Azure evicts with
 * 30 s notice, which YARN does not act on, so the VM's containers are lost.
 */
final class SpotMarket {
  private final List<SimulatedScaleSet> spot;
  private final double perStep;
  private final Random random;
  private int evicted;

  SpotMarket(List<SimulatedScaleSet> scaleSets, double perVmHour, Duration step, long seed) {
    this.spot = scaleSets.stream().filter(set -> set.priority() == Priority.SPOT).toList();
    this.perStep = perVmHour * step.toMillis() / 3_600_000.0;
    this.random = new Random(seed);
  }

  void step() {
    if (perStep <= 0) {
      return;
    }
    for (SimulatedScaleSet scaleSet : spot) {
      long running = scaleSet.vms().stream().filter(vm -> vm.state() == VmState.RUNNING).count();
      int count = 0;
      for (long i = 0; i < running; i++) {
        count += random.nextDouble() < perStep ? 1 : 0;
      }
      if (count > 0) {
        evicted += scaleSet.evict(count).size();
      }
    }
  }

  /** Spot VMs evicted so far. */
  int evicted() {
    return evicted;
  }
}
