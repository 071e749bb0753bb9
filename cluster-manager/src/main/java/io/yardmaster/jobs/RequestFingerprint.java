package io.yardmaster.jobs;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Tells whether a retried request is the same job: a hash of the request, and, when the hashes
 * differ, the field paths that differ. Airflow's try number is left out: a retry re-attaches.
 */
public final class RequestFingerprint {
  private final JsonMapper json;

  RequestFingerprint(JsonMapper json) {
    this.json = json;
  }

  String hash(JobRequest request) {
    try {
      byte[] canonical = json.writeValueAsBytes(comparable(request));
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The dotted paths whose values differ, e.g. {@code batch.conf.spark.executor.memory}. */
  List<String> differences(JobRequest stored, JobRequest given) {
    Map<String, JsonNode> left = flatten(comparable(stored));
    Map<String, JsonNode> right = flatten(comparable(given));
    TreeSet<String> paths = new TreeSet<>(left.keySet());
    paths.addAll(right.keySet());
    List<String> differing = new ArrayList<>();
    for (String path : paths) {
      JsonNode a = left.get(path);
      JsonNode b = right.get(path);
      if (a == null || !a.equals(b)) {
        differing.add(path);
      }
    }
    return differing;
  }

  private static JobRequest comparable(JobRequest request) {
    JobLabels labels = request.labels();
    return new JobRequest(
        request.batch(),
        request.target(),
        new JobLabels(labels.dagId(), labels.taskId(), labels.runId(), labels.mapIndex(), null));
  }

  private Map<String, JsonNode> flatten(JobRequest request) {
    JsonNode tree;
    try {
      tree = json.writeValueToTree(request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, JsonNode> leaves = new LinkedHashMap<>();
    flatten("", tree, leaves);
    return leaves;
  }

  private static void flatten(String path, JsonNode node, Map<String, JsonNode> leaves) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> entry : node.entries()) {
        flatten(
            path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(),
            entry.getValue(),
            leaves);
      }
    } else if (!node.isNull()) {
      leaves.put(path, node);
    }
  }
}
