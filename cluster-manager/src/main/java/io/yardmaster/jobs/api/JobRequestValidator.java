package io.yardmaster.jobs.api;

import io.yardmaster.core.spark.SparkConfKeys;
import io.yardmaster.jobs.policy.TypedConf;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Refuses, with a 400 naming the field, every request that cannot become a sensible Spark app
 * whatever cluster it goes to: missing or oversized fields, control characters, keys outside
 * Spark's grammar, values Spark would not parse. Cluster policies are {@code JobPolicy}'s.
 */
public final class JobRequestValidator {
  /** An Idempotency-Key: 1-200 printable ASCII characters without spaces. */
  public static final String KEY_PATTERN = "^[\\x21-\\x7e]{1,200}$";

  private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
  private static final Pattern CLASS = Pattern.compile(SparkBatch.CLASS_PATTERN);
  private static final Pattern QUEUE = Pattern.compile(SparkBatch.QUEUE_PATTERN);
  private static final Pattern CLUSTER = Pattern.compile(JobTarget.NAME_PATTERN);
  private static final Pattern TAG = Pattern.compile(JobTarget.TAG_PATTERN);
  private static final Pattern VERSION = Pattern.compile(JobTarget.VERSION_PATTERN);

  private JobRequestValidator() {}

  public static void validateKey(String key) {
    if (!KEY.matcher(key).matches()) {
      throw new ApiException(
          ApiErrorCode.INVALID_IDEMPOTENCY_KEY,
          "Idempotency-Key must be 1-200 printable ASCII characters without spaces",
          List.of("Idempotency-Key"));
    }
  }

  public static void validate(JobRequest request) {
    SparkBatch batch = request.batch();
    if (batch == null) {
      throw invalid(List.of("batch: required"));
    }
    List<String> problems = new ArrayList<>();
    if (batch.file() == null || batch.file().isBlank()) {
      problems.add("batch.file: required");
    }
    text(problems, "batch.file", batch.file(), SparkBatch.MAX_PATH);
    pattern(problems, "batch.className", batch.className(), SparkBatch.MAX_CLASS, CLASS);
    pattern(problems, "batch.queue", batch.queue(), SparkBatch.MAX_NAME, QUEUE);
    text(problems, "batch.name", batch.name(), SparkBatch.MAX_NAME);
    list(problems, "batch.args", batch.args(), SparkBatch.MAX_ARG, true);
    list(problems, "batch.jars", batch.jars(), SparkBatch.MAX_PATH, false);
    list(problems, "batch.pyFiles", batch.pyFiles(), SparkBatch.MAX_PATH, false);
    list(problems, "batch.files", batch.files(), SparkBatch.MAX_PATH, false);
    list(problems, "batch.archives", batch.archives(), SparkBatch.MAX_PATH, false);
    target(problems, request.target());
    labels(problems, request.labels());
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    List<String> keys = keyProblems(batch.conf());
    if (!keys.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.CONF_DENIED, "these are not Spark conf entries Yardmaster takes", keys);
    }
    List<String> values = TypedConf.problems(batch);
    if (!values.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.CONF_INVALID, "Spark would not read these values", values);
    }
  }

  private static List<String> keyProblems(Map<String, String> conf) {
    List<String> problems = new ArrayList<>();
    if (conf.size() > SparkBatch.MAX_CONF) {
      problems.add("batch.conf: at most " + SparkBatch.MAX_CONF + " entries");
    }
    for (Map.Entry<String, String> entry : conf.entrySet()) {
      String field = "batch.conf." + printable(entry.getKey());
      Optional<String> why =
          SparkConfKeys.keyProblem(entry.getKey())
              .or(() -> SparkConfKeys.valueProblem(entry.getValue()));
      why.ifPresent(text -> problems.add(field + ": " + text));
    }
    return problems;
  }

  private static void target(List<String> problems, JobTarget target) {
    pattern(problems, "target.cluster", target.cluster(), 63, CLUSTER);
    pattern(problems, "target.queue", target.queue(), SparkBatch.MAX_NAME, QUEUE);
    pattern(problems, "target.sparkVersion", target.sparkVersion(), 20, VERSION);
    if (target.tags().size() > JobTarget.MAX_TAGS) {
      problems.add("target.tags: at most " + JobTarget.MAX_TAGS + " entries");
    }
    for (int i = 0; i < Math.min(target.tags().size(), JobTarget.MAX_TAGS); i++) {
      pattern(problems, "target.tags[" + i + "]", nonNull(target.tags().get(i)), 63, TAG);
    }
  }

  private static void labels(List<String> problems, JobLabels labels) {
    text(problems, "labels.dagId", labels.dagId(), JobLabels.MAX_LABEL);
    text(problems, "labels.taskId", labels.taskId(), JobLabels.MAX_LABEL);
    text(problems, "labels.runId", labels.runId(), JobLabels.MAX_LABEL);
    range(problems, "labels.mapIndex", labels.mapIndex(), -1, 1_000_000);
    range(problems, "labels.tryNumber", labels.tryNumber(), 0, 1_000);
  }

  private static void range(List<String> problems, String field, Integer value, int min, int max) {
    if (value != null && (value < min || value > max)) {
      problems.add(field + ": " + min + ".." + max + ", got " + value);
    }
  }

  /** At most {@code max} characters, none of them a control character. */
  private static void text(List<String> problems, String field, String value, int max) {
    if (value == null) {
      return;
    }
    if (value.length() > max) {
      problems.add(field + ": at most " + max + " characters");
    } else if (value.chars().anyMatch(JobRequestValidator::control)) {
      problems.add(field + ": may not hold control characters");
    }
  }

  private static void pattern(
      List<String> problems, String field, String value, int max, Pattern pattern) {
    if (value == null) {
      return;
    }
    if (value.length() > max || !pattern.matcher(value).matches()) {
      problems.add(field + ": '" + printable(value) + "' does not match " + pattern.pattern());
    }
  }

  /** Args may hold newlines (SQL, JSON), never a NUL: argv cannot carry one. */
  private static void list(
      List<String> problems, String field, List<String> values, int max, boolean multiline) {
    if (values.size() > SparkBatch.MAX_LIST) {
      problems.add(field + ": at most " + SparkBatch.MAX_LIST + " entries");
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String at = field + "[" + i + "]";
      if (value == null) {
        problems.add(at + ": must be a string, not null");
      } else if (value.length() > max) {
        problems.add(at + ": at most " + max + " characters");
      } else if (value.chars().anyMatch(c -> multiline ? c == 0 : control(c))) {
        problems.add(at + ": may not hold " + (multiline ? "NUL" : "control") + " characters");
      }
    }
  }

  private static boolean control(int c) {
    return c < 0x20 || c == 0x7f;
  }

  private static String nonNull(String value) {
    return value == null ? "" : value;
  }

  /** A value as a message may quote it: bounded, control characters escaped. */
  public static String printable(String value) {
    StringBuilder text = new StringBuilder();
    value
        .codePoints()
        .limit(80)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f || Character.getType(c) == Character.FORMAT) {
                text.append(String.format("\\u%04x", c));
              } else {
                text.appendCodePoint(c);
              }
            });
    return value.codePointCount(0, value.length()) > 80 ? text + "…" : text.toString();
  }

  private static ApiException invalid(List<String> problems) {
    return new ApiException(ApiErrorCode.INVALID_JOB, "the job request is not valid", problems);
  }
}
