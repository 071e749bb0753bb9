package io.yardmaster.core.peer.auth;

import io.micronaut.core.value.PropertyResolver;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerCredentials;
import io.yardmaster.core.peer.PeerKind;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;

/**
 * The peers' credentials as configured (docs/configuration.md, "Secured clusters": basic auth or
 * Kerberos, and TLS trust), per cluster and kind of peer: {@code
 * yardmaster.clusters.<name>.livy-auth.*} and {@code .resource-manager-auth.*}, and for the whole
 * fleet {@code yardmaster.node-managers.auth.*} and {@code yardmaster.graphite.auth.*} ({@link
 * PeerAuth} says which keys). Everything is read and checked once, at start-up; a peer with nothing
 * configured gets nothing.
 */
@Singleton
public final class ConfiguredPeerCredentials implements PeerCredentials {
  private static final Map<PeerKind, String> BLOCKS =
      Map.of(
          PeerKind.LIVY, "livy-auth",
          PeerKind.RESOURCE_MANAGER, "resource-manager-auth");

  private final Map<Peer, PeerAuth> peers = new HashMap<>();

  @Inject
  public ConfiguredPeerCredentials(PropertyResolver config, List<ClusterConfig> clusters) {
    this(config, clusters, System::getenv);
  }

  /** With {@code environment} standing in for the process's environment variables. */
  public ConfiguredPeerCredentials(
      PropertyResolver config, List<ClusterConfig> clusters, UnaryOperator<String> environment) {
    Secrets secrets = new Secrets(environment);
    for (ClusterConfig cluster : clusters) {
      BLOCKS.forEach(
          (kind, block) ->
              add(
                  new Peer(cluster.name(), kind),
                  PeerAuth.read(
                      config, ClusterConfig.PREFIX + "." + cluster.name() + "." + block, secrets)));
    }
    // NodeManagers are reached by host, with no cluster named (RestNodeManagerApps): one block
    add(Peer.nodeManager(null), PeerAuth.read(config, "yardmaster.node-managers.auth", secrets));
    add(Peer.graphite(), PeerAuth.read(config, "yardmaster.graphite.auth", secrets));
  }

  @Override
  public void apply(Peer peer, URI uri, HttpRequest.Builder request) {
    PeerAuth auth = peers.get(peer);
    if (auth != null && auth.authorization() != null) {
      request.header("Authorization", auth.authorization().apply(uri));
    }
  }

  @Override
  public Optional<SSLContext> sslContext(Peer peer) {
    PeerAuth auth = peers.get(peer);
    return auth == null ? Optional.empty() : Optional.ofNullable(auth.ssl());
  }

  private void add(Peer peer, PeerAuth auth) {
    if (auth.authorization() != null || auth.ssl() != null) {
      peers.put(peer, auth);
    }
  }
}
