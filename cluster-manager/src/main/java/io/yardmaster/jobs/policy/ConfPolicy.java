package io.yardmaster.jobs.policy;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.spark.DeniedKeys;
import io.yardmaster.core.spark.KeyPattern;
import io.yardmaster.jobs.api.SparkBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a caller may set on one cluster: the conf keys (reserved ones never; the built-in default
 * denials unless exempted; the cluster's own denials; in allow-list mode only allowed keys) and
 * where files may come from. Every refusal names the field or key at fault.
 */
public record ConfPolicy(
    String cluster,
    Mode mode,
    List<KeyPattern> denied,
    List<KeyPattern> allowed,
    List<KeyPattern> exempted,
    FilePolicy files) {
  public ConfPolicy {
    requireNonNull(cluster, "cluster is null");
    requireNonNull(mode, "mode is null");
    denied = List.copyOf(denied);
    allowed = List.copyOf(allowed);
    exempted = List.copyOf(exempted);
    requireNonNull(files, "files is null");
  }

  /** How keys are judged. */
  public enum Mode {
    DENY_LIST,
    ALLOW_LIST
  }

  /** The problems of a batch's conf keys on this cluster, its sizing fields included. */
  public List<String> keyProblems(SparkBatch batch) {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> entry : BatchFields.callerConf(batch).entrySet()) {
      String why = refusal(entry.getKey());
      if (why != null) {
        problems.add(BatchFields.fieldName(batch, entry.getKey()) + ": " + why);
      }
    }
    return problems;
  }

  /** Why this cluster refuses {@code key}, or null when it allows it. */
  String refusal(String key) {
    KeyPattern reserved = DeniedKeys.firstMatch(DeniedKeys.RESERVED, key);
    if (reserved != null) {
      return "set by Yardmaster, never by a job (" + reserved + ")";
    }
    KeyPattern builtIn = DeniedKeys.firstMatch(DeniedKeys.DEFAULT, key);
    if (builtIn != null && DeniedKeys.firstMatch(exempted, key) == null) {
      return "denied by default on every cluster (" + builtIn + ")";
    }
    KeyPattern own = DeniedKeys.firstMatch(denied, key);
    if (own != null) {
      return "denied on cluster " + cluster + " (" + own + ")";
    }
    if (mode == Mode.ALLOW_LIST && DeniedKeys.firstMatch(allowed, key) == null) {
      return "not among the keys cluster " + cluster + " allows";
    }
    return null;
  }
}
