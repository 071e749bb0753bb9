package io.yardmaster.cost.attribution;

import io.yardmaster.core.Texts;
import java.util.List;

/**
 * What an app's YARN tags say about it (cluster-manager's JobTags: {@code ym-job-}, {@code
 * ym-team-}, {@code ym-dag-}, {@code ym-task-}, {@code ym-run-}, and {@code ym-try-} / {@code
 * ym-map-} when present). A label the tags lack is '' (numbers -1), as for apps other tools
 * started; the first tag of each kind wins.
 */
record AppLabels(
    String team,
    String dagId,
    String taskId,
    String runId,
    int tryNumber,
    int mapIndex,
    String jobId) {
  static final AppLabels NONE = new AppLabels("", "", "", "", -1, -1, "");

  static AppLabels of(List<String> tags) {
    if (tags == null || tags.isEmpty()) {
      return NONE;
    }
    String team = null;
    String dag = null;
    String task = null;
    String run = null;
    String job = null;
    Integer tryNumber = null;
    Integer mapIndex = null;
    for (String raw : tags) {
      if (raw == null) {
        continue;
      }
      String tag = raw.trim();
      if (team == null && tag.startsWith("ym-team-")) {
        team = value(tag, "ym-team-", 100);
      } else if (dag == null && tag.startsWith("ym-dag-")) {
        dag = value(tag, "ym-dag-", 100);
      } else if (task == null && tag.startsWith("ym-task-")) {
        task = value(tag, "ym-task-", 100);
      } else if (run == null && tag.startsWith("ym-run-")) {
        run = value(tag, "ym-run-", 100);
      } else if (job == null && tag.startsWith("ym-job-")) {
        job = value(tag, "ym-job-", 64);
      } else if (tryNumber == null && tag.startsWith("ym-try-")) {
        tryNumber = number(tag, "ym-try-");
      } else if (mapIndex == null && tag.startsWith("ym-map-")) {
        mapIndex = number(tag, "ym-map-");
      }
    }
    return new AppLabels(
        orEmpty(team),
        orEmpty(dag),
        orEmpty(task),
        orEmpty(run),
        tryNumber == null ? -1 : tryNumber,
        mapIndex == null ? -1 : mapIndex,
        orEmpty(job));
  }

  private static String value(String tag, String prefix, int max) {
    return Texts.bounded(tag.substring(prefix.length()), max);
  }

  /** A non-negative decimal that fits an int, else -1 (unknown). */
  private static Integer number(String tag, String prefix) {
    String digits = tag.substring(prefix.length());
    if (digits.isEmpty() || digits.length() > 9) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(digits);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }
}
