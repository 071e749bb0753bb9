package io.yardmaster.core.peer;

import io.micronaut.context.annotation.Secondary;
import jakarta.inject.Singleton;
import java.net.http.HttpRequest;

/**
 * Peers that need no credentials: the default, until a {@link PeerCredentials} bean replaces it.
 */
@Singleton
@Secondary
public final class NoPeerCredentials implements PeerCredentials {
  @Override
  public void apply(Peer peer, HttpRequest.Builder request) {
    // nothing to add
  }
}
