package io.yardmaster.jobs.policy;

import io.yardmaster.jobs.api.SparkBatch;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The batch fields Livy turns into Spark conf, and the keys they set. Livy applies these fields
 * after {@code conf}, so a policy that looked only at {@code conf} could be dodged through them:
 * they are checked, merged and enforced as the keys they are.
 */
public final class BatchFields {
  public static final String DRIVER_MEMORY = "spark.driver.memory";
  public static final String DRIVER_CORES = "spark.driver.cores";
  public static final String EXECUTOR_MEMORY = "spark.executor.memory";
  public static final String EXECUTOR_CORES = "spark.executor.cores";
  public static final String EXECUTOR_INSTANCES = "spark.executor.instances";

  /** The field names of the keys above, for messages that name what the caller wrote. */
  public static final Map<String, String> FIELD_OF_KEY =
      Map.of(
          DRIVER_MEMORY, "batch.driverMemory",
          DRIVER_CORES, "batch.driverCores",
          EXECUTOR_MEMORY, "batch.executorMemory",
          EXECUTOR_CORES, "batch.executorCores",
          EXECUTOR_INSTANCES, "batch.numExecutors");

  private BatchFields() {}

  /** The sizing fields the batch sets, as conf entries. */
  public static Map<String, String> asConf(SparkBatch batch) {
    Map<String, String> conf = new LinkedHashMap<>();
    put(conf, DRIVER_MEMORY, batch.driverMemory());
    put(conf, DRIVER_CORES, batch.driverCores());
    put(conf, EXECUTOR_MEMORY, batch.executorMemory());
    put(conf, EXECUTOR_CORES, batch.executorCores());
    put(conf, EXECUTOR_INSTANCES, batch.numExecutors());
    return conf;
  }

  /** The caller's whole conf as Livy will apply it: {@code conf}, then the fields over it. */
  public static Map<String, String> callerConf(SparkBatch batch) {
    Map<String, String> conf = new LinkedHashMap<>(batch.conf());
    conf.putAll(asConf(batch));
    return conf;
  }

  /** How a caller's key is named in a message: its batch field, or {@code batch.conf.<key>}. */
  public static String fieldName(SparkBatch batch, String key) {
    String field = FIELD_OF_KEY.get(key);
    return field != null && asConf(batch).containsKey(key) ? field : "batch.conf." + key;
  }

  private static void put(Map<String, String> conf, String key, Object value) {
    if (value != null) {
      conf.put(key, String.valueOf(value));
    }
  }
}
