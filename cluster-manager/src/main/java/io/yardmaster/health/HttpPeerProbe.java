package io.yardmaster.health;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Probes a peer with one cheap GET; any 2xx within the timeout is UP. */
@Singleton
public final class HttpPeerProbe {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private final Clock clock;

  public HttpPeerProbe(Clock clock) {
    this.clock = clock;
  }

  /** A probe's outcome and, when the peer answered 2xx, the body it sent. */
  public record Reading(PeerHealth health, Optional<String> body) {}

  public PeerHealth probe(URI url) {
    return read(url).health();
  }

  public Reading read(URI url) {
    Instant start = clock.instant();
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    try {
      HttpResponse<String> response =
          client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      long millis = Duration.between(start, clock.instant()).toMillis();
      String status = "HTTP " + response.statusCode();
      if (response.statusCode() / 100 == 2) {
        return new Reading(
            new PeerHealth(PeerStatus.UP, status, start, millis), Optional.of(response.body()));
      }
      return new Reading(new PeerHealth(PeerStatus.DOWN, status, start, millis), Optional.empty());
    } catch (IOException e) {
      long millis = Duration.between(start, clock.instant()).toMillis();
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Reading(new PeerHealth(PeerStatus.DOWN, reason, start, millis), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reading(
          new PeerHealth(PeerStatus.UNKNOWN, "interrupted", start, 0), Optional.empty());
    }
  }
}
