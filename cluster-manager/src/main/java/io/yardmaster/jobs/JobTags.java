package io.yardmaster.jobs;

import io.yardmaster.jobs.api.JobLabels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The {@code spark.yarn.tags} every app carries: the job id, then lower-cased team / dag / task /
 * run tags. YARN keeps at most 10 tags of at most 100 ASCII characters and splits on commas, so
 * values are sanitised, and a value too long is cut and given a hash suffix that keeps it unique.
 */
public final class JobTags {
  public static final int MAX_TAGS = 10;
  public static final int MAX_LENGTH = 100;
  static final String JOB_PREFIX = "ym-job-";

  private JobTags() {}

  public static String jobTag(String jobId) {
    return sanitise(JOB_PREFIX + jobId);
  }

  public static List<String> of(String jobId, String team, JobLabels labels) {
    List<String> tags = new ArrayList<>();
    tags.add(jobTag(jobId));
    tags.add(sanitise("ym-team-" + team));
    add(tags, "ym-dag-", labels.dagId());
    add(tags, "ym-task-", labels.taskId());
    add(tags, "ym-run-", labels.runId());
    return List.copyOf(tags.subList(0, Math.min(tags.size(), MAX_TAGS)));
  }

  private static void add(List<String> tags, String prefix, String value) {
    if (value != null && !value.isBlank()) {
      tags.add(sanitise(prefix + value));
    }
  }

  /** Lower-case printable ASCII without commas or spaces, at most {@link #MAX_LENGTH} long. */
  static String sanitise(String raw) {
    String lower = raw.toLowerCase(Locale.ROOT);
    StringBuilder text = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.'
              || c == ':'
              || c == '+'
              || c == '=';
      text.append(allowed ? c : '_');
    }
    if (text.length() <= MAX_LENGTH) {
      return text.toString();
    }
    String suffix = "~" + shortHash(lower);
    return text.substring(0, MAX_LENGTH - suffix.length()) + suffix;
  }

  private static String shortHash(String value) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
