package io.yardmaster.cost.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a row leads: its Yardmaster job, its Airflow DAG, run or task ({@code
 * yardmaster.cost.airflow-url}, Airflow 3's UI paths) and its Spark UI on the history server
 * ({@code yardmaster.cost.spark-history-url}); a link whose base is not configured is left out.
 */
@Singleton
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
public final class CostLinks {
  private final String airflow;
  private final String sparkHistory;

  public CostLinks(
      @Nullable @Value("${yardmaster.cost.airflow-url:}") String airflow,
      @Nullable @Value("${yardmaster.cost.spark-history-url:}") String sparkHistory) {
    this.airflow = trimmed(airflow);
    this.sparkHistory = trimmed(sparkHistory);
  }

  Map<String, String> of(Map<Dimension, String> labels) {
    Map<String, String> links = new LinkedHashMap<>();
    String job = labels.getOrDefault(Dimension.JOB, "");
    if (!job.isEmpty()) {
      links.put("job", "/api/v1/jobs/" + segment(job));
    }
    String dag = labels.getOrDefault(Dimension.DAG, "");
    if (!airflow.isEmpty() && !dag.isEmpty()) {
      StringBuilder url = new StringBuilder(airflow).append("/dags/").append(segment(dag));
      String run = labels.getOrDefault(Dimension.RUN, "");
      if (!run.isEmpty()) {
        url.append("/runs/").append(segment(run));
        String task = labels.getOrDefault(Dimension.TASK, "");
        if (!task.isEmpty()) {
          url.append("/tasks/").append(segment(task));
        }
      }
      links.put("airflow", url.toString());
    }
    String app = labels.getOrDefault(Dimension.APP, "");
    if (!sparkHistory.isEmpty() && !app.isEmpty()) {
      links.put("sparkUi", sparkHistory + "/history/" + segment(app) + "/");
    }
    return links;
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String trimmed(@Nullable String url) {
    if (url == null) {
      return "";
    }
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
