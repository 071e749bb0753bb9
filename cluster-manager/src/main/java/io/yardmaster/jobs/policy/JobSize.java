package io.yardmaster.jobs.policy;

import io.yardmaster.core.spark.SparkValues;
import io.yardmaster.core.spark.SparkValues.Unit;

/**
 * The cores and memory a job holds at most while it runs, from the conf it will run with: its
 * driver (the YARN application master in cluster mode) and executors, each container with Spark's
 * memory overhead ({@code memoryOverhead}, else {@code memoryOverheadFactor} of the heap, at least
 * 384 MiB), plus PySpark and off-heap memory when set. With dynamic allocation the executor count
 * is {@code maxExecutors}, capped by what the cluster can ever hold; without a {@code maxExecutors}
 * it is that cap (Spark's own default is unbounded).
 *
 * @param boundedOnlyByCluster dynamic allocation without {@code maxExecutors}
 * @param initialExecutors how many executors the driver asks for as soon as it runs: the executor
 *     count, or with dynamic allocation the largest of {@code initialExecutors}, {@code
 *     minExecutors} and {@code spark.executor.instances}
 */
public record JobSize(
    long executors,
    long initialExecutors,
    int executorCores,
    long executorContainerMemoryMb,
    int driverCores,
    long driverContainerMemoryMb,
    long cores,
    long memoryMb,
    boolean boundedOnlyByCluster) {
  static final int DEFAULT_EXECUTORS = 2;
  static final long DEFAULT_MEMORY_MB = 1024;
  static final long MIN_OVERHEAD_MB = 384;
  static final double DEFAULT_OVERHEAD_FACTOR = 0.10;

  public static JobSize of(EffectiveConf conf, ClusterCapacity capacity) {
    int executorCores = integer(conf, BatchFields.EXECUTOR_CORES, 1);
    int driverCores = integer(conf, BatchFields.DRIVER_CORES, 1);
    long executorHeap = mebibytes(conf, BatchFields.EXECUTOR_MEMORY, DEFAULT_MEMORY_MB);
    long driverHeap = mebibytes(conf, BatchFields.DRIVER_MEMORY, DEFAULT_MEMORY_MB);
    long executorContainer =
        executorHeap
            + overhead(
                conf, TypedConf.EXECUTOR_OVERHEAD, TypedConf.EXECUTOR_OVERHEAD_FACTOR, executorHeap)
            + mebibytes(conf, TypedConf.PYSPARK_MEMORY, 0)
            + offHeap(conf);
    long driverContainer =
        driverHeap
            + overhead(
                conf, TypedConf.DRIVER_OVERHEAD, TypedConf.DRIVER_OVERHEAD_FACTOR, driverHeap);
    long instances = integer(conf, BatchFields.EXECUTOR_INSTANCES, -1);
    long maxExecutors = capacity.maxContainers(executorCores, executorContainer);
    long executors;
    long initial;
    if (bool(conf, TypedConf.DYNAMIC)) {
      long max = integer(conf, TypedConf.MAX_EXECUTORS, -1);
      executors = max < 0 ? maxExecutors : Math.min(max, maxExecutors);
      initial =
          Math.max(
              Math.max(instances, 0),
              Math.max(
                  integer(conf, TypedConf.INITIAL_EXECUTORS, 0),
                  integer(conf, TypedConf.MIN_EXECUTORS, 0)));
      initial = Math.min(initial, executors);
    } else {
      executors = instances < 0 ? DEFAULT_EXECUTORS : instances;
      initial = executors;
    }
    long cores = driverCores + saturatedMultiply(executors, executorCores);
    long memory = driverContainer + saturatedMultiply(executors, executorContainer);
    return new JobSize(
        executors,
        initial,
        executorCores,
        executorContainer,
        driverCores,
        driverContainer,
        cores,
        memory,
        unboundedDynamic(conf));
  }

  /** Whether the job's executor count is bounded only by its cluster. */
  public static boolean unboundedDynamic(EffectiveConf conf) {
    return bool(conf, TypedConf.DYNAMIC) && conf.get(TypedConf.MAX_EXECUTORS).isEmpty();
  }

  private static long overhead(EffectiveConf conf, String key, String factorKey, long heap) {
    long explicit = mebibytes(conf, key, -1);
    if (explicit >= 0) {
      return explicit;
    }
    double factor =
        conf.get(factorKey).flatMap(SparkValues::decimal).orElse(DEFAULT_OVERHEAD_FACTOR);
    return Math.max(MIN_OVERHEAD_MB, (long) (factor * heap));
  }

  private static long offHeap(EffectiveConf conf) {
    if (!bool(conf, TypedConf.OFF_HEAP)) {
      return 0;
    }
    return conf.get(TypedConf.OFF_HEAP_SIZE)
        .map(value -> SparkValues.bytes(value, Unit.BYTE).orElse(0) >> 20)
        .orElse(0L);
  }

  private static long saturatedMultiply(long a, long b) {
    try {
      return Math.multiplyExact(a, b);
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE / 4;
    }
  }

  private static int integer(EffectiveConf conf, String key, int fallback) {
    return conf.get(key).flatMap(SparkValues::integer).orElse(fallback);
  }

  private static long mebibytes(EffectiveConf conf, String key, long fallback) {
    return conf.get(key)
        .map(value -> SparkValues.mebibytes(value, Unit.MIB))
        .filter(java.util.OptionalLong::isPresent)
        .map(java.util.OptionalLong::getAsLong)
        .orElse(fallback);
  }

  private static boolean bool(EffectiveConf conf, String key) {
    return conf.get(key).flatMap(SparkValues::bool).orElse(false);
  }
}
