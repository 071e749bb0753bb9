package io.yardmaster.simulator.livy;

import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a batch's spark-submit asks YARN for: Spark's defaults (2 executors of 1 core / 1 GB, a 1
 * core / 1 GB driver), the request's fields over its {@code conf}, memory plus overhead (10 %, at
 * least 384 MB) rounded up to YARN's 1024 MB minimum allocation. The simulated run time comes from
 * {@value #DURATION} (e.g. {@code 90s}, {@code 5m}, or seconds; default 60 s), and {@value #FAIL}
 * {@code = true} makes the application fail at its end.
 */
final class SparkSubmitSizing {
  static final String DURATION = "spark.yardmaster.sim.duration";
  static final String FAIL = "spark.yardmaster.sim.fail";
  static final String TAGS = "spark.yarn.tags";
  static final Duration DEFAULT_DURATION = Duration.ofSeconds(60);
  private static final long MINIMUM_ALLOCATION_MB = 1024;

  private SparkSubmitSizing() {}

  static ApplicationSpec spec(LivyBatchRequest request, String user, String livyTag) {
    Map<String, String> conf = request.conf();
    int executors =
        request.numExecutors() != null
            ? request.numExecutors()
            : integer(conf, "spark.executor.instances", 2);
    int executorCores =
        request.executorCores() != null
            ? request.executorCores()
            : integer(conf, "spark.executor.cores", 1);
    int driverCores =
        request.driverCores() != null
            ? request.driverCores()
            : integer(conf, "spark.driver.cores", 1);
    long executorMemory =
        memoryMb(
            request.executorMemory() != null
                ? request.executorMemory()
                : conf.getOrDefault("spark.executor.memory", "1g"));
    long driverMemory =
        memoryMb(
            request.driverMemory() != null
                ? request.driverMemory()
                : conf.getOrDefault("spark.driver.memory", "1g"));
    String queue =
        request.queue() != null
            ? request.queue()
            : conf.getOrDefault("spark.yarn.queue", "default");
    String name =
        request.name() != null
            ? request.name()
            : conf.getOrDefault(
                "spark.app.name",
                request.className() != null ? request.className() : String.valueOf(request.file()));
    List<String> tags = new ArrayList<>();
    tags.add(livyTag);
    for (String tag : conf.getOrDefault(TAGS, "").split(",")) {
      if (!tag.isBlank()) {
        tags.add(tag.trim());
      }
    }
    boolean fail = Boolean.parseBoolean(conf.getOrDefault(FAIL, "false").trim());
    return new ApplicationSpec(
        name,
        user,
        queue,
        tags,
        new Resources(container(driverMemory), driverCores),
        new Resources(container(executorMemory), executorCores),
        executors,
        duration(conf.get(DURATION)),
        fail
            ? "User class threw exception: java.lang.RuntimeException: simulated failure ("
                + FAIL
                + ")"
            : null);
  }

  private static int integer(Map<String, String> conf, String key, int fallback) {
    String value = conf.get(key);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new LivyBadRequestException("invalid " + key + ": " + value);
    }
  }

  /** Spark memory strings: {@code 4g}, {@code 512m}, {@code 1t}, or a number of MiB. */
  static long memoryMb(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("b")
          && text.length() > 1
          && !Character.isDigit(text.charAt(text.length() - 2))) {
        text = text.substring(0, text.length() - 1);
      }
      char unit = text.charAt(text.length() - 1);
      if (Character.isDigit(unit)) {
        return Long.parseLong(text);
      }
      long number = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (unit) {
        case 'k' -> Math.max(1, number / 1024);
        case 'm' -> number;
        case 'g' -> number * 1024;
        case 't' -> number * 1024 * 1024;
        default -> throw new NumberFormatException(value);
      };
    } catch (RuntimeException e) {
      throw new LivyBadRequestException("invalid memory size: " + value);
    }
  }

  private static long container(long memoryMb) {
    long withOverhead = memoryMb + Math.max(384, memoryMb / 10);
    return (withOverhead + MINIMUM_ALLOCATION_MB - 1)
        / MINIMUM_ALLOCATION_MB
        * MINIMUM_ALLOCATION_MB;
  }

  static Duration duration(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_DURATION;
    }
    String text = value.trim().toLowerCase(Locale.ROOT);
    try {
      if (text.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
      }
      char unit = text.charAt(text.length() - 1);
      if (Character.isDigit(unit)) {
        return Duration.ofSeconds(Long.parseLong(text));
      }
      long number = Long.parseLong(text.substring(0, text.length() - 1));
      return switch (unit) {
        case 's' -> Duration.ofSeconds(number);
        case 'm' -> Duration.ofMinutes(number);
        case 'h' -> Duration.ofHours(number);
        default -> throw new NumberFormatException(value);
      };
    } catch (RuntimeException e) {
      throw new LivyBadRequestException("invalid " + DURATION + ": " + value);
    }
  }
}
