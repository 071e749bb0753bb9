package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What a submitted application asks for.
 *
 * @param name application name
 * @param user submitting user
 * @param queue full queue name, e.g. {@code root.default}; created on demand
 * @param tags application tags (YARN lower-cases them)
 * @param driver the application master (driver) container
 * @param executor one executor container
 * @param executors executors requested
 * @param duration run time once all requested executors run; with fewer it takes longer
 * @param failure when non-null the application fails at its end with this diagnostic
 */
public record ApplicationSpec(
    String name,
    String user,
    String queue,
    List<String> tags,
    Resources driver,
    Resources executor,
    int executors,
    Duration duration,
    String failure) {
  public ApplicationSpec {
    requireNonNull(name, "name is null");
    requireNonNull(user, "user is null");
    requireNonNull(queue, "queue is null");
    queue = queue.startsWith("root") ? queue : "root." + queue;
    tags = tags.stream().map(tag -> tag.trim().toLowerCase(Locale.ROOT)).distinct().toList();
    requireNonNull(driver, "driver is null");
    requireNonNull(executor, "executor is null");
    if (executors < 0) {
      throw new IllegalArgumentException("executors must not be negative, got " + executors);
    }
    requireNonNull(duration, "duration is null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative, got " + duration);
    }
  }
}
