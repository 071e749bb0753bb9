package io.yardmaster.core.peer;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one place where a peer's credentials plug in: every request {@link PeerClient} sends passes
 * through {@link #apply}, with the peer (kind and cluster) it goes to, so that credentials can
 * differ per cluster and per kind of peer. The application's bean, {@link
 * io.yardmaster.core.peer.auth.ConfiguredPeerCredentials}, reads basic auth or Kerberos and TLS
 * trust per cluster and kind of peer from configuration; {@link NoPeerCredentials} adds nothing.
 * See docs/architecture.md, "Peer credentials".
 */
public interface PeerCredentials {
  /**
   * Adds what {@code peer} needs to accept {@code request} to {@code uri} (an Authorization header,
   * ...). A failure here (a KDC out of reach) means the request was not sent.
   */
  void apply(Peer peer, URI uri, HttpRequest.Builder request);

  /**
   * The TLS context to reach {@code peer} with (its trust store, a client certificate); empty: the
   * JVM's default trust. Asked once per peer; one answer serves every later request to it.
   */
  default Optional<SSLContext> sslContext(Peer peer) {
    return Optional.empty();
  }
}
