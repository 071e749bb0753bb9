package io.yardmaster.health;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerAnswer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Probes a peer with one cheap GET through the peer layer, within its probe timeout: any 2xx is UP;
 * a refusal, a 5xx, a timeout or no connection is DOWN, with the reason.
 */
@Singleton
public final class HttpPeerProbe {
  private final PeerClient http;
  private final Clock clock;

  public HttpPeerProbe(PeerClient http, Clock clock) {
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public PeerHealth probe(Peer peer, URI url) {
    Instant start = clock.instant();
    try {
      PeerAnswer answer = http.probe(peer, url);
      return new PeerHealth(
          PeerStatus.UP, "HTTP " + answer.status(), start, answer.elapsedMillis());
    } catch (PeerException.Rejected e) {
      return down("HTTP " + e.status(), start);
    } catch (PeerException e) {
      return down(e.getMessage(), start);
    }
  }

  private PeerHealth down(String reason, Instant start) {
    return new PeerHealth(
        PeerStatus.DOWN, reason, start, Duration.between(start, clock.instant()).toMillis());
  }
}
