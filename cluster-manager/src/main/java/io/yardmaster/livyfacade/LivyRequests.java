package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Livy batch request as a job request: counts given as strings become integers, conf values
 * strings, and the {@code yardmaster.target.*} conf keys the target (else the team's default from
 * configuration, else any cluster). Everything else is judged by the jobs API's own checks.
 */
final class LivyRequests {
  static final String TARGET_CLUSTER = "yardmaster.target.cluster";
  static final String TARGET_TAGS = "yardmaster.target.tags";
  static final String TARGET_SPARK_VERSION = "yardmaster.target.spark-version";
  private static final String TARGET_PREFIX = "yardmaster.target.";

  private LivyRequests() {}

  static JobRequest toJob(LivyBatchRequest livy, @Nullable JobTarget teamDefault) {
    return toJob(livy, teamDefault, null);
  }

  /**
   * @param pathCluster the cluster of a per-cluster path ({@code /livy/{cluster}/batches}): the
   *     batch runs there, whatever the team's default; a {@code yardmaster.target.*} key may only
   *     repeat it
   */
  static JobRequest toJob(
      LivyBatchRequest livy, @Nullable JobTarget teamDefault, @Nullable String pathCluster) {
    Map<String, String> conf = new LinkedHashMap<>();
    Map<String, String> target = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    if (livy.conf() != null) {
      for (Map.Entry<String, Object> entry : livy.conf().entrySet()) {
        String value = scalar(entry.getValue());
        if (value == null) {
          problems.add("conf." + entry.getKey() + ": a string, number or boolean");
          continue;
        }
        (entry.getKey().startsWith(TARGET_PREFIX) ? target : conf).put(entry.getKey(), value);
      }
    }
    for (String key : target.keySet()) {
      if (!List.of(TARGET_CLUSTER, TARGET_TAGS, TARGET_SPARK_VERSION).contains(key)) {
        problems.add(
            "conf."
                + key
                + ": unknown; the target keys are "
                + List.of(TARGET_CLUSTER, TARGET_TAGS, TARGET_SPARK_VERSION));
      }
    }
    if (pathCluster != null) {
      for (Map.Entry<String, String> key : target.entrySet()) {
        if (!(key.getKey().equals(TARGET_CLUSTER) && key.getValue().equals(pathCluster))) {
          problems.add(
              "conf."
                  + key.getKey()
                  + ": the path /livy/"
                  + pathCluster
                  + "/batches chooses the cluster; leave the key out or use /livy/batches");
        }
      }
    }
    Integer driverCores = count(problems, "driverCores", livy.driverCores());
    Integer executorCores = count(problems, "executorCores", livy.executorCores());
    Integer numExecutors = count(problems, "numExecutors", livy.numExecutors());
    if (!problems.isEmpty()) {
      throw new ApiException(ApiErrorCode.INVALID_JOB, "the batch cannot be run", problems);
    }
    SparkBatch batch =
        new SparkBatch(
            livy.file(),
            livy.className(),
            livy.args(),
            livy.jars(),
            livy.pyFiles(),
            livy.files(),
            livy.archives(),
            livy.driverMemory(),
            driverCores,
            livy.executorMemory(),
            executorCores,
            numExecutors,
            livy.queue(),
            livy.name(),
            conf);
    JobTarget chosen =
        pathCluster != null
            ? new JobTarget(pathCluster, List.of(), null, null)
            : target(target, teamDefault);
    return new JobRequest(batch, chosen, JobLabels.NONE);
  }

  private static JobTarget target(Map<String, String> keys, @Nullable JobTarget teamDefault) {
    if (keys.isEmpty()) {
      return teamDefault == null ? JobTarget.ANY : teamDefault;
    }
    String tags = keys.get(TARGET_TAGS);
    List<String> tagList =
        tags == null
            ? List.of()
            : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    return new JobTarget(keys.get(TARGET_CLUSTER), tagList, null, keys.get(TARGET_SPARK_VERSION));
  }

  /**
   * A JSON integer (2.0 too, as Jackson takes it on Livy), or a string of one ("2", as Airflow's
   * templates render them).
   */
  private static Integer count(List<String> problems, String field, @Nullable Object value) {
    if (value == null) {
      return null;
    }
    try {
      if (value instanceof Number) {
        return new BigDecimal(value.toString()).intValueExact();
      }
      if (value instanceof String text && text.strip().matches("-?[0-9]{1,9}")) {
        return Integer.parseInt(text.strip());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      // falls through to the refusal
    }
    problems.add(field + ": an integer, or a string of one");
    return null;
  }

  /** A conf value as Spark reads it: a string, or a number or boolean written as one. */
  private static String scalar(@Nullable Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Boolean flag) {
      return flag.toString();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Number number) {
      BigDecimal decimal = new BigDecimal(number.toString()).stripTrailingZeros();
      return decimal.scale() <= 0 ? decimal.toBigInteger().toString() : decimal.toPlainString();
    }
    return null;
  }
}
