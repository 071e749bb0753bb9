package io.yardmaster.backend.livy;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BackendException.Kind;
import io.yardmaster.backend.BatchLog;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@link ComputeBackend} over Livy's REST API, and the ResourceManager's REST API by tag. */
@Singleton
public final class LivyComputeBackend implements ComputeBackend {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String JSON = "application/json";

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final JsonMapper json;

  public LivyComputeBackend(JsonMapper json) {
    this.json = json;
  }

  @Override
  public BatchStatus submit(ClusterConfig cluster, BatchSubmission submission) {
    LivyJson.BatchRequest body =
        new LivyJson.BatchRequest(
            submission.file(),
            submission.className(),
            orNull(submission.args()),
            orNull(submission.jars()),
            orNull(submission.pyFiles()),
            orNull(submission.files()),
            orNull(submission.archives()),
            submission.driverMemory(),
            submission.driverCores(),
            submission.executorMemory(),
            submission.executorCores(),
            submission.numExecutors(),
            submission.queue(),
            submission.name(),
            submission.proxyUser(),
            submission.conf());
    HttpResponse<byte[]> response =
        send(request(child(cluster.livyUrl(), "batches")).POST(publish(body)).build());
    int status = response.statusCode();
    if (status == 201 || status == 200) {
      return status(read(response, LivyJson.Batch.class));
    }
    String message = message(response);
    if (status >= 500) {
      throw new BackendException(Kind.OUTCOME_UNKNOWN, "Livy answered " + status + ": " + message);
    }
    String lower = message.toLowerCase(Locale.ROOT);
    if (lower.contains("too many sessions")) {
      throw new BackendException(Kind.BUSY, message);
    }
    if (lower.contains("duplicate session name")) {
      throw new BackendException(Kind.DUPLICATE, message);
    }
    throw new BackendException(Kind.REJECTED, "Livy answered " + status + ": " + message);
  }

  @Override
  public BatchPage batches(ClusterConfig cluster, int from, int size) {
    HttpResponse<byte[]> response =
        send(
            request(child(cluster.livyUrl(), "batches?from=" + from + "&size=" + size))
                .GET()
                .build());
    expectOk(response, "Livy");
    LivyJson.Batches page = read(response, LivyJson.Batches.class);
    List<LivyJson.Batch> sessions = page.sessions() == null ? List.of() : page.sessions();
    return new BatchPage(
        page.from(), page.total(), sessions.stream().map(LivyComputeBackend::status).toList());
  }

  @Override
  public List<ApplicationStatus> applicationsTagged(
      ClusterConfig cluster, Collection<String> tags) {
    String query = "ws/v1/cluster/apps?applicationTags=" + encode(String.join(",", tags));
    HttpResponse<byte[]> response =
        send(request(child(cluster.resourceManagerUrl(), query)).GET().build());
    expectOk(response, "the ResourceManager");
    LivyJson.YarnApps apps = read(response, LivyJson.YarnApps.class);
    if (apps.apps() == null || apps.apps().app() == null) {
      return List.of();
    }
    return apps.apps().app().stream().map(LivyComputeBackend::application).toList();
  }

  @Override
  public boolean killBatch(ClusterConfig cluster, int batchId) {
    HttpResponse<byte[]> response =
        send(request(child(cluster.livyUrl(), "batches/" + batchId)).DELETE().build());
    if (response.statusCode() == 404) {
      return false;
    }
    expectOk(response, "Livy");
    return true;
  }

  @Override
  public void killApplication(ClusterConfig cluster, String applicationId) {
    URI uri = child(cluster.resourceManagerUrl(), "ws/v1/cluster/apps/" + applicationId + "/state");
    HttpResponse<byte[]> response =
        send(request(uri).PUT(publish(new LivyJson.YarnState("KILLED"))).build());
    expectOk(response, "the ResourceManager");
  }

  @Override
  public Optional<BatchLog> log(ClusterConfig cluster, int batchId, int from, int size) {
    HttpResponse<byte[]> response =
        send(
            request(
                    child(
                        cluster.livyUrl(),
                        "batches/" + batchId + "/log?from=" + from + "&size=" + size))
                .GET()
                .build());
    if (response.statusCode() == 404) {
      return Optional.empty();
    }
    expectOk(response, "Livy");
    LivyJson.Log log = read(response, LivyJson.Log.class);
    return Optional.of(
        new BatchLog(log.from(), log.total(), log.log() == null ? List.of() : log.log()));
  }

  private static BatchStatus status(LivyJson.Batch batch) {
    LivyJson.AppInfo info = batch.appInfo();
    return new BatchStatus(
        batch.id(),
        batch.name(),
        BatchState.parse(batch.state()),
        batch.appId(),
        info == null ? null : info.sparkUiUrl(),
        info == null ? null : info.driverLogUrl());
  }

  private static ApplicationStatus application(LivyJson.YarnApp app) {
    List<String> tags =
        app.applicationTags() == null || app.applicationTags().isBlank()
            ? List.of()
            : Arrays.stream(app.applicationTags().split(",")).map(String::trim).toList();
    return new ApplicationStatus(
        app.id(),
        app.state(),
        app.finalStatus(),
        app.diagnostics(),
        app.trackingUrl(),
        app.amContainerLogs(),
        tags);
  }

  private HttpRequest.Builder request(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", JSON)
        .header("Accept", JSON)
        .header("X-Requested-By", "yardmaster");
  }

  private HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (ConnectException | UnresolvedAddressException e) {
      throw new BackendException(
          Kind.NOT_SENT, "cannot connect to " + request.uri().getAuthority() + ": " + e);
    } catch (IOException e) {
      throw new BackendException(
          Kind.OUTCOME_UNKNOWN, "no answer from " + request.uri().getAuthority() + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BackendException(Kind.OUTCOME_UNKNOWN, "interrupted");
    }
  }

  private void expectOk(HttpResponse<byte[]> response, String peer) {
    int status = response.statusCode();
    if (status / 100 != 2) {
      Kind kind = status >= 500 ? Kind.OUTCOME_UNKNOWN : Kind.REJECTED;
      throw new BackendException(
          kind,
          peer
              + " answered "
              + status
              + " to "
              + response.request().method()
              + " "
              + response.request().uri().getPath()
              + ": "
              + message(response));
    }
  }

  private String message(HttpResponse<byte[]> response) {
    try {
      LivyJson.Message message = json.readValue(response.body(), LivyJson.Message.class);
      if (message != null && message.msg() != null) {
        return message.msg();
      }
    } catch (IOException | RuntimeException e) {
      // not Livy's {"msg": ...}: fall through to the raw text
    }
    String text = new String(response.body(), StandardCharsets.UTF_8);
    return text.length() > 500 ? text.substring(0, 500) : text;
  }

  private <T> T read(HttpResponse<byte[]> response, Class<T> type) {
    try {
      return json.readValue(response.body(), Argument.of(type));
    } catch (IOException e) {
      throw new BackendException(
          Kind.OUTCOME_UNKNOWN,
          "unreadable answer from " + response.request().uri().getAuthority() + ": " + e);
    }
  }

  private HttpRequest.BodyPublisher publish(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body));
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  private static List<String> orNull(List<String> values) {
    return values.isEmpty() ? null : values;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  static URI child(URI base, String path) {
    String text = base.toString();
    return URI.create(text.endsWith("/") ? text + path : text + "/" + path);
  }
}
