package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A daemon thread that catches a real-time simulation up every {@code period} of wall time. */
public final class RealTimeTicker implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(RealTimeTicker.class.getName());
  private final ScheduledExecutorService executor;

  public RealTimeTicker(Simulation simulation, Duration period) {
    requireNonNull(simulation, "simulation is null");
    executor =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "simulation-ticker");
              thread.setDaemon(true);
              return thread;
            });
    executor.scheduleWithFixedDelay(
        () -> {
          try {
            simulation.catchUp();
          } catch (RuntimeException e) {
            // a failing event must not stop simulated time (the executor would cancel the task)
            LOG.log(System.Logger.Level.ERROR, "simulation event failed", e);
          }
        },
        0,
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
