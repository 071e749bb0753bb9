package io.yardmaster.core.peer;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A peer's 2xx answer to one request.
 *
 * @param elapsedNanos how long the exchange took, from sending to the whole body
 */
public record PeerAnswer(
    Peer peer, String method, URI uri, int status, byte[] body, long elapsedNanos) {
  public PeerAnswer {
    requireNonNull(peer, "peer is null");
    requireNonNull(method, "method is null");
    requireNonNull(uri, "uri is null");
    requireNonNull(body, "body is null");
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public long elapsedMillis() {
    return elapsedNanos / 1_000_000;
  }
}
