package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.azure.core.util.Context;
import com.azure.json.JsonProviders;
import com.azure.json.JsonReader;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.OperationProgress.State;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * ARM's long-running operations, as the Azure SDK's pollers follow them, but one look at a time: an
 * accepted write names its operation in {@code Azure-AsyncOperation} (a status resource whose
 * {@code status} is InProgress, Succeeded, Failed or Canceled) or else in {@code Location} (202
 * while running, 200/204 once done). The reference stored for it is {@code async <url>} or {@code
 * location <url>}, so that any process can look again later; the look-ups go through the compute
 * client's own pipeline (credentials, retries). Only URLs on the configured ARM endpoint are
 * followed: a reference is read back from the database, and the bearer token must not go anywhere
 * else.
 */
final class ArmOperations {
  private static final HttpHeaderName ASYNC_OPERATION =
      HttpHeaderName.fromString("Azure-AsyncOperation");
  private static final String ASYNC = "async ";
  private static final String LOCATION = "location ";

  private final HttpPipeline pipeline;
  private final URI endpoint;
  private final ArmErrors errors;

  ArmOperations(HttpPipeline pipeline, URI endpoint, ArmErrors errors) {
    this.pipeline = requireNonNull(pipeline, "pipeline is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.errors = requireNonNull(errors, "errors is null");
  }

  /** The operation an accepted write's answer names; completed when it names none. */
  static CloudOperation accepted(HttpHeaders headers) {
    String async = headers.getValue(ASYNC_OPERATION);
    if (async != null && !async.isBlank()) {
      return new CloudOperation(ASYNC + async.trim());
    }
    String location = headers.getValue(HttpHeaderName.LOCATION);
    if (location != null && !location.isBlank()) {
      return new CloudOperation(LOCATION + location.trim());
    }
    return CloudOperation.completed();
  }

  /** One GET of the operation's status. */
  OperationProgress follow(String reference) {
    boolean async = reference.startsWith(ASYNC);
    if (!async && !reference.startsWith(LOCATION)) {
      return OperationProgress.of(State.UNKNOWN, "not an ARM operation reference");
    }
    String url = reference.substring(async ? ASYNC.length() : LOCATION.length());
    if (!onEndpoint(url)) {
      return OperationProgress.of(
          State.UNKNOWN, "operation URL is not on the ARM endpoint " + endpoint + "; not followed");
    }
    String action = "look at operation " + url;
    HttpResponse response;
    try {
      response = pipeline.sendSync(new HttpRequest(HttpMethod.GET, url), Context.NONE);
    } catch (RuntimeException e) {
      throw errors.translate(action, null, e);
    }
    try (response) {
      int status = response.getStatusCode();
      byte[] body = response.getBodyAsBinaryData().toBytes();
      if (status == 404) {
        return OperationProgress.of(State.UNKNOWN, "ARM no longer knows the operation (404)");
      }
      if (status >= 400) {
        throw failed(action, status, response.getHeaders(), body);
      }
      if (!async) {
        return status == 202
            ? OperationProgress.of(State.IN_PROGRESS, "202 Accepted")
            : OperationProgress.of(State.SUCCEEDED, "HTTP " + status);
      }
      return asyncStatus(body);
    }
  }

  private static OperationProgress asyncStatus(byte[] body) {
    Map<?, ?> json = object(body);
    String status = Objects.toString(json.get("status"), "");
    switch (status.toLowerCase(Locale.ROOT)) {
      case "succeeded":
        return OperationProgress.of(State.SUCCEEDED, "Succeeded");
      case "failed":
      case "canceled":
        Map<?, ?> error = json.get("error") instanceof Map<?, ?> map ? map : Map.of();
        String code = error.get("code") == null ? status : error.get("code").toString();
        return new OperationProgress(
            State.FAILED,
            code,
            status + " " + code + ": " + Objects.toString(error.get("message")));
      default:
        // InProgress, and any state ARM adds that is not terminal.
        return OperationProgress.of(State.IN_PROGRESS, status.isEmpty() ? "no status" : status);
    }
  }

  private NodePoolException failed(String action, int status, HttpHeaders headers, byte[] body) {
    Map<?, ?> json = object(body);
    Map<?, ?> error = json.get("error") instanceof Map<?, ?> map ? map : Map.of();
    String cloudCode = error.get("code") == null ? null : error.get("code").toString();
    return new NodePoolException(
        ArmErrors.codeOf(status),
        cloudCode,
        errors.retryAfter(headers),
        action + " got HTTP " + status + " " + cloudCode + ": " + error.get("message"),
        null);
  }

  private static Map<?, ?> object(byte[] body) {
    if (body == null || body.length == 0) {
      return Map.of();
    }
    try (JsonReader reader = JsonProviders.createReader(body)) {
      return reader.readUntyped() instanceof Map<?, ?> map ? map : Map.of();
    } catch (IOException | RuntimeException e) {
      return Map.of();
    }
  }

  private boolean onEndpoint(String url) {
    try {
      URI uri = URI.create(url);
      return endpoint.getScheme().equalsIgnoreCase(uri.getScheme())
          && endpoint.getHost() != null
          && endpoint.getHost().equalsIgnoreCase(uri.getHost())
          && port(endpoint) == port(uri)
          && uri.getRawUserInfo() == null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static int port(URI uri) {
    if (uri.getPort() >= 0) {
      return uri.getPort();
    }
    return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
  }
}
