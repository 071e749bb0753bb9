package io.yardmaster.health;

import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

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

  public PeerHealth probe(URI url) {
    Instant start = clock.instant();
    HttpRequest request = HttpRequest.newBuilder(url).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
      long millis = Duration.between(start, clock.instant()).toMillis();
      if (response.statusCode() / 100 == 2) {
        return new PeerHealth(PeerStatus.UP, "HTTP " + response.statusCode(), start, millis);
      }
      return new PeerHealth(PeerStatus.DOWN, "HTTP " + response.statusCode(), start, millis);
    } catch (IOException e) {
      long millis = Duration.between(start, clock.instant()).toMillis();
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new PeerHealth(PeerStatus.DOWN, reason, start, millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new PeerHealth(PeerStatus.UNKNOWN, "interrupted", start, 0);
    }
  }
}
