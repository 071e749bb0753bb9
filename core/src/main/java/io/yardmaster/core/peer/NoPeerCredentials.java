package io.yardmaster.core.peer;

import java.net.URI;
import java.net.http.HttpRequest;

/**
 * Peers that need no credentials: for a {@link PeerClient} built by hand (tests, the benchmarks).
 * The application's bean is {@link io.yardmaster.core.peer.auth.ConfiguredPeerCredentials}.
 */
public final class NoPeerCredentials implements PeerCredentials {
  @Override
  public void apply(Peer peer, URI uri, HttpRequest.Builder request) {
    // nothing to add
  }
}
