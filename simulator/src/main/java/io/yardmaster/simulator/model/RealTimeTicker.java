package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A daemon thread that catches a real-time simulation up every {@code period} of wall time. */
public final class RealTimeTicker implements AutoCloseable {
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
        simulation::catchUp, 0, period.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
