package io.yardmaster.jobs.policy;

import io.yardmaster.core.spark.SparkValues;
import io.yardmaster.core.spark.SparkValues.Unit;
import io.yardmaster.jobs.api.SparkBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conf keys whose values Yardmaster reads to size a job, checked as Spark will parse them: a
 * value Spark would refuse is a 400 now, never a job that fails later or is sized wrong.
 */
public final class TypedConf {
  public static final String DYNAMIC = "spark.dynamicAllocation.enabled";
  public static final String MIN_EXECUTORS = "spark.dynamicAllocation.minExecutors";
  public static final String MAX_EXECUTORS = "spark.dynamicAllocation.maxExecutors";
  public static final String INITIAL_EXECUTORS = "spark.dynamicAllocation.initialExecutors";
  public static final String EXECUTOR_OVERHEAD = "spark.executor.memoryOverhead";
  public static final String DRIVER_OVERHEAD = "spark.driver.memoryOverhead";
  public static final String EXECUTOR_OVERHEAD_FACTOR = "spark.executor.memoryOverheadFactor";
  public static final String DRIVER_OVERHEAD_FACTOR = "spark.driver.memoryOverheadFactor";
  public static final String PYSPARK_MEMORY = "spark.executor.pyspark.memory";
  public static final String OFF_HEAP = "spark.memory.offHeap.enabled";
  public static final String OFF_HEAP_SIZE = "spark.memory.offHeap.size";

  /** The most cores or executors a value may say: beyond any cluster, and safe to multiply. */
  static final int MAX_COUNT = 1_000_000;

  private static final Map<String, Kind> KINDS =
      Map.ofEntries(
          Map.entry(BatchFields.EXECUTOR_INSTANCES, Kind.COUNT),
          Map.entry(BatchFields.EXECUTOR_CORES, Kind.CORES),
          Map.entry(BatchFields.DRIVER_CORES, Kind.CORES),
          Map.entry(MIN_EXECUTORS, Kind.COUNT),
          Map.entry(MAX_EXECUTORS, Kind.COUNT),
          Map.entry(INITIAL_EXECUTORS, Kind.COUNT),
          Map.entry(DYNAMIC, Kind.BOOLEAN),
          Map.entry(OFF_HEAP, Kind.BOOLEAN),
          Map.entry(BatchFields.EXECUTOR_MEMORY, Kind.MEBIBYTES),
          Map.entry(BatchFields.DRIVER_MEMORY, Kind.MEBIBYTES),
          Map.entry(EXECUTOR_OVERHEAD, Kind.MEBIBYTES),
          Map.entry(DRIVER_OVERHEAD, Kind.MEBIBYTES),
          Map.entry(PYSPARK_MEMORY, Kind.MEBIBYTES),
          Map.entry(OFF_HEAP_SIZE, Kind.BYTES),
          Map.entry(EXECUTOR_OVERHEAD_FACTOR, Kind.FACTOR),
          Map.entry(DRIVER_OVERHEAD_FACTOR, Kind.FACTOR));

  private TypedConf() {}

  /** The problems of the batch's typed values, conf and sizing fields alike. */
  public static List<String> problems(SparkBatch batch) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : BatchFields.callerConf(batch).entrySet()) {
      Kind kind = KINDS.get(entry.getKey());
      if (kind != null && !kind.accepts(entry.getValue())) {
        problems.add(
            BatchFields.fieldName(batch, entry.getKey())
                + ": '"
                + entry.getValue()
                + "' is not "
                + kind.description);
      }
    }
    return problems;
  }

  /** The kinds of value Spark parses. */
  enum Kind {
    COUNT("a whole number 0.." + MAX_COUNT + " as Spark reads it (no spaces)"),
    CORES("a whole number 1..1024 as Spark reads it (no spaces)"),
    BOOLEAN("true or false"),
    MEBIBYTES("a size Spark reads, like 4g, 512m or 4096 (MiB); no fractions"),
    BYTES("a size Spark reads, like 2g or 536870912 (bytes); no fractions"),
    FACTOR("a number between 0 and 10, like 0.1");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    boolean accepts(String value) {
      return switch (this) {
        case COUNT -> SparkValues.integer(value).filter(n -> n >= 0 && n <= MAX_COUNT).isPresent();
        case CORES -> SparkValues.integer(value).filter(n -> n >= 1 && n <= 1024).isPresent();
        case BOOLEAN -> SparkValues.bool(value).isPresent();
        case MEBIBYTES -> SparkValues.mebibytes(value, Unit.MIB).isPresent();
        case BYTES -> SparkValues.bytes(value, Unit.BYTE).isPresent();
        case FACTOR -> SparkValues.decimal(value).filter(f -> f >= 0 && f <= 10).isPresent();
      };
    }
  }
}
