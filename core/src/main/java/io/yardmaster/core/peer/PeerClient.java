package io.yardmaster.core.peer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.yardmaster.core.metrics.Meters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLHandshakeException;

/**
 * The one HTTP client of Yardmaster's peers (Livy, the ResourceManagers and NodeManagers,
 * Graphite): it owns the timeouts ({@link PeerConfig}), the joining of a peer's base URL and a path
 * ({@link #join}), the credentials ({@link PeerCredentials}) and the classification of every
 * failure ({@link PeerException}). Any 2xx is an answer; anything else throws.
 *
 * <p>Every request is timed as {@code yardmaster_peer_request_seconds}, by cluster, kind of peer,
 * method and outcome ({@code answered}, {@code rejected}: a 4xx, {@code failed}: a 5xx or no
 * answer, {@code not_sent}), so that a peer's latency and errors are one series each.
 *
 * <p>Redirects are never followed: a standby ResourceManager's redirect, or a proxy's, would carry
 * a request and its credentials to a host that was not configured.
 */
@Singleton
public final class PeerClient {
  /**
   * Methods that do not repeat their effect when sent twice: a failure after sending them is
   * Transient.
   */
  private static final Set<String> SAFE_TO_REPEAT = Set.of("GET", "HEAD", "PUT", "DELETE");

  private static final String JSON = "application/json";

  private final PeerConfig config;
  private final PeerCredentials credentials;
  private final JsonMapper json;
  private final HttpClient plain;
  private final Map<Peer, HttpClient> clients = new ConcurrentHashMap<>();
  private final MeterRegistry meters;

  @Inject
  public PeerClient(
      PeerConfig config,
      PeerCredentials credentials,
      JsonMapper json,
      @Nullable MeterRegistry meters) {
    this.config = requireNonNull(config, "config is null");
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.json = requireNonNull(json, "json is null");
    this.meters = Meters.orNone(meters);
    this.plain = builder().build();
  }

  /** A client that records no metrics. */
  public PeerClient(PeerConfig config, PeerCredentials credentials, JsonMapper json) {
    this(config, credentials, json, null);
  }

  public PeerConfig config() {
    return config;
  }

  /** GET within the read timeout. */
  public PeerAnswer get(Peer peer, URI uri) {
    return exchange(peer, "GET", uri, null, config.readTimeout());
  }

  /** GET a JSON document within the read timeout, read as {@code type}. */
  public <T> T get(Peer peer, URI uri, Class<T> type) {
    return read(get(peer, uri), Argument.of(type));
  }

  /** GET within the probe timeout: a health probe. */
  public PeerAnswer probe(Peer peer, URI uri) {
    return exchange(peer, "GET", uri, null, config.probeTimeout());
  }

  /** POST, PUT or DELETE {@code body} (as JSON; null: no body) within the write timeout. */
  public PeerAnswer send(Peer peer, String method, URI uri, @Nullable Object body) {
    return exchange(peer, method, uri, body, config.writeTimeout());
  }

  /**
   * The answer's body read as {@code type}.
   *
   * @throws PeerException.OutcomeUnknown when a request not safe to repeat got a body that does not
   *     read (the peer did something, but what is not known)
   * @throws PeerException.Transient otherwise, when the body does not read
   */
  public <T> T read(PeerAnswer answer, Argument<T> type) {
    try {
      T value = json.readValue(answer.body(), type);
      if (value == null) {
        throw new IOException("empty answer");
      }
      return value;
    } catch (IOException | RuntimeException e) {
      String reason = "the answer does not read as " + type.getType().getSimpleName() + ": " + e;
      if (SAFE_TO_REPEAT.contains(answer.method())) {
        throw new PeerException.Transient(
            answer.peer(), answer.method(), answer.uri(), answer.status(), reason, e);
      }
      throw new PeerException.OutcomeUnknown(
          answer.peer(), answer.method(), answer.uri(), answer.status(), reason, e);
    }
  }

  /**
   * {@code base} with {@code pathAndQuery} appended below it, whether or not {@code base} ends with
   * a slash: {@code join("http://rm:8088/", "ws/v1/cluster")} and {@code join("http://rm:8088",
   * "/ws/v1/cluster")} are both {@code http://rm:8088/ws/v1/cluster}, and a base with a path
   * ({@code http://sim/sim/alpha/rm}) keeps it.
   */
  public static URI join(URI base, String pathAndQuery) {
    requireNonNull(base, "base is null");
    String head = base.toString();
    while (head.endsWith("/")) {
      head = head.substring(0, head.length() - 1);
    }
    String tail = pathAndQuery;
    while (tail.startsWith("/")) {
      tail = tail.substring(1);
    }
    return URI.create(tail.isEmpty() ? head : head + "/" + tail);
  }

  private PeerAnswer exchange(
      Peer peer, String method, URI uri, @Nullable Object body, Duration timeout) {
    long start = System.nanoTime();
    String outcome = "answered";
    try {
      return call(peer, method, uri, body, timeout);
    } catch (PeerException e) {
      outcome = outcome(e);
      throw e;
    } finally {
      Timer.builder("yardmaster.peer.request")
          .description("requests to Livy, the ResourceManagers, NodeManagers and Graphite")
          .tags(
              "cluster",
              peer.cluster() == null ? "" : peer.cluster(),
              "peer",
              peer.kind().name().toLowerCase(Locale.ROOT),
              "method",
              method,
              "outcome",
              outcome)
          .serviceLevelObjectives(Meters.latencyBuckets())
          .register(meters)
          .record(Duration.ofNanos(System.nanoTime() - start));
    }
  }

  private PeerAnswer call(
      Peer peer, String method, URI uri, @Nullable Object body, Duration timeout) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Accept", JSON)
            .header("X-Requested-By", "yardmaster");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", JSON)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
    }
    try {
      credentials.apply(peer, uri, request);
    } catch (RuntimeException e) {
      throw new PeerException.NotSent(peer, method, uri, "credentials: " + describe(e), e);
    }
    boolean repeatable = SAFE_TO_REPEAT.contains(method);
    long start = System.nanoTime();
    HttpResponse<byte[]> response;
    try {
      response = client(peer).send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException
        | ConnectException
        | UnresolvedAddressException
        | SSLHandshakeException e) {
      throw new PeerException.NotSent(peer, method, uri, describe(e), e);
    } catch (IOException e) {
      throw afterSending(peer, method, uri, repeatable, 0, "no answer: " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw afterSending(peer, method, uri, repeatable, 0, "interrupted", e);
    }
    int status = response.statusCode();
    byte[] answer = response.body() == null ? new byte[0] : response.body();
    if (status / 100 == 2) {
      return new PeerAnswer(peer, method, uri, status, answer, System.nanoTime() - start);
    }
    if (status >= 500) {
      throw afterSending(peer, method, uri, repeatable, status, "HTTP " + status, null);
    }
    throw new PeerException.Rejected(peer, method, uri, status, answer);
  }

  private static String outcome(PeerException e) {
    if (e instanceof PeerException.NotSent) {
      return "not_sent";
    }
    return e instanceof PeerException.Rejected ? "rejected" : "failed";
  }

  private static PeerException afterSending(
      Peer peer,
      String method,
      URI uri,
      boolean repeatable,
      int status,
      String reason,
      @Nullable Throwable cause) {
    return repeatable
        ? new PeerException.Transient(peer, method, uri, status, reason, cause)
        : new PeerException.OutcomeUnknown(peer, method, uri, status, reason, cause);
  }

  private HttpClient client(Peer peer) {
    return clients.computeIfAbsent(
        peer,
        key ->
            credentials
                .sslContext(key)
                .map(context -> builder().sslContext(context).build())
                .orElse(plain));
  }

  private HttpClient.Builder builder() {
    return HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER);
  }

  private byte[] bytes(Object body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write " + body.getClass().getSimpleName(), e);
    }
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null && e.getCause() != null) {
      return describe(e.getCause());
    }
    return message == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + message;
  }
}
