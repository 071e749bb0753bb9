package io.yardmaster.simulator.model;

/**
 * How simulated time relates to wall time. The {@link Simulation} engine keeps the current
 * simulated instant; the clock tells it how far it may run.
 *
 * <ul>
 *   <li>{@link VirtualClock}: time jumps from event to event as fast as the CPU allows, only when
 *       the owner calls {@link Simulation#runUntil(long)} (replays, tests).
 *   <li>{@link RealTimeClock}: simulated time follows wall time multiplied by a speed-up factor; a
 *       {@link RealTimeTicker} (and every read through the model's public API) catches the engine
 *       up (the demo).
 * </ul>
 */
public sealed interface SimulationClock permits VirtualClock, RealTimeClock {

  /** The simulated instant (epoch milliseconds) at which the simulation starts. */
  long startMillis();

  /**
   * The simulated instant the engine should have reached by now, or {@link Long#MIN_VALUE} when the
   * clock never pushes the engine forward by itself.
   */
  long reachableMillis();
}
