package io.yardmaster.simulator.model;

/** Virtual time: the engine moves only through {@link Simulation#runUntil(long)}. */
public record VirtualClock(long startMillis) implements SimulationClock {
  @Override
  public long reachableMillis() {
    return Long.MIN_VALUE;
  }
}
