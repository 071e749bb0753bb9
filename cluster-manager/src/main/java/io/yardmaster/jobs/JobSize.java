package io.yardmaster.jobs;

import java.util.Locale;
import java.util.Map;

/**
 * The cores and memory a job holds at most while it runs: its driver and executors, each with
 * YARN's memory overhead (10 %, at least 384 MB), using Spark's defaults for what the request
 * leaves out. Batch fields win over the same setting in the request's conf; with dynamic allocation
 * the executor count is {@code spark.dynamicAllocation.maxExecutors} when given.
 *
 * @param initialExecutors how many executors the driver asks for as soon as it runs: the executor
 *     count, or with dynamic allocation Spark's initial count (the largest of {@code
 *     initialExecutors}, {@code minExecutors} and {@code spark.executor.instances}, each 0 unless
 *     set)
 */
record JobSize(
    int executors,
    int initialExecutors,
    int executorCores,
    long executorMemoryMb,
    int cores,
    long memoryMb) {
  static final int DEFAULT_EXECUTORS = 2;
  static final long DEFAULT_MEMORY_MB = 1024;
  static final long MIN_OVERHEAD_MB = 384;

  static JobSize of(SparkBatch batch) {
    Map<String, String> conf = batch.conf();
    int executors =
        batch.numExecutors() != null ? batch.numExecutors() : executors(conf, DEFAULT_EXECUTORS);
    int initial = dynamic(conf) ? initialExecutors(batch, conf) : executors;
    int executorCores = orInt(batch.executorCores(), conf.get("spark.executor.cores"), 1);
    int driverCores = orInt(batch.driverCores(), conf.get("spark.driver.cores"), 1);
    long executorMemory = memory(batch.executorMemory(), conf.get("spark.executor.memory"));
    long driverMemory = memory(batch.driverMemory(), conf.get("spark.driver.memory"));
    long memory = withOverhead(driverMemory) + (long) executors * withOverhead(executorMemory);
    int cores = (int) Math.min(Integer.MAX_VALUE, driverCores + (long) executors * executorCores);
    return new JobSize(executors, initial, executorCores, executorMemory, cores, memory);
  }

  /** One executor container's memory as YARN allocates it: the heap plus the overhead. */
  long executorContainerMemoryMb() {
    return withOverhead(executorMemoryMb);
  }

  private static boolean dynamic(Map<String, String> conf) {
    return "true"
        .equals(
            conf.getOrDefault("spark.dynamicAllocation.enabled", "false")
                .trim()
                .toLowerCase(Locale.ROOT));
  }

  private static int initialExecutors(SparkBatch batch, Map<String, String> conf) {
    int instances =
        batch.numExecutors() != null
            ? batch.numExecutors()
            : orInt(null, conf.get("spark.executor.instances"), 0);
    int initial = orInt(null, conf.get("spark.dynamicAllocation.initialExecutors"), 0);
    int min = orInt(null, conf.get("spark.dynamicAllocation.minExecutors"), 0);
    return Math.max(instances, Math.max(initial, min));
  }

  private static int executors(Map<String, String> conf, int fallback) {
    if (dynamic(conf) && conf.containsKey("spark.dynamicAllocation.maxExecutors")) {
      return orInt(null, conf.get("spark.dynamicAllocation.maxExecutors"), fallback);
    }
    return orInt(null, conf.get("spark.executor.instances"), fallback);
  }

  private static long withOverhead(long memoryMb) {
    return memoryMb + Math.max(MIN_OVERHEAD_MB, memoryMb / 10);
  }

  private static long memory(String field, String conf) {
    return JobRequestValidator.megabytes(field != null ? field : conf).orElse(DEFAULT_MEMORY_MB);
  }

  private static int orInt(Integer field, String conf, int fallback) {
    if (field != null) {
      return field;
    }
    if (conf == null) {
      return fallback;
    }
    try {
      return Math.max(0, Integer.parseInt(conf.trim()));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
