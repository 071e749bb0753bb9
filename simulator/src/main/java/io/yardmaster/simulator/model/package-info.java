/**
 * The simulated fleet as a deterministic discrete-event model, plain Java.
 *
 * <ul>
 *   <li>{@link io.yardmaster.simulator.model.Simulation}: the event engine (seeded), driven by a
 *       {@link io.yardmaster.simulator.model.SimulationClock}: {@link
 *       io.yardmaster.simulator.model.VirtualClock} (replays: {@code runUntil}) or {@link
 *       io.yardmaster.simulator.model.RealTimeClock} with a speed-up and a {@link
 *       io.yardmaster.simulator.model.RealTimeTicker} (the demo).
 *   <li>{@link io.yardmaster.simulator.model.Fleet}: clusters and scale sets, built with {@code
 *       Fleet.builder(clock, seed)}; {@code scaleSet(armId)} finds a {@link
 *       io.yardmaster.simulator.model.SimulatedScaleSet} (the ARM emulator's API).
 *   <li>{@link io.yardmaster.simulator.model.SimulatedCluster}: NodeManagers, queues, applications
 *       ({@link io.yardmaster.simulator.model.ApplicationSpec}: a driver plus N executors running
 *       for a duration, slower with fewer executors), placement by a {@link
 *       io.yardmaster.simulator.model.PlacementPolicy} over the nodes indexed by their {@link
 *       io.yardmaster.simulator.model.NodeLoad} (no scan of every node per container), graceful
 *       decommission, metrics.
 *   <li>{@link io.yardmaster.simulator.model.Trace} and {@link
 *       io.yardmaster.simulator.model.Replay}: a workload trace fed through a fleet in virtual
 *       time, with a {@link io.yardmaster.simulator.model.ReplayHook} per tick for an autoscaler.
 *   <li>{@link io.yardmaster.simulator.model.MetricsHistory}: periodic samples for the Graphite
 *       emulator.
 * </ul>
 *
 * <p>Thread safety: the {@link io.yardmaster.simulator.model.Simulation} is the monitor of the
 * whole model; public methods of fleet, clusters and scale sets lock it, and read nodes and
 * applications under {@link io.yardmaster.simulator.model.Fleet#locked}.
 */
package io.yardmaster.simulator.model;
