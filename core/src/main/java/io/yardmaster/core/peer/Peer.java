package io.yardmaster.core.peer;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/**
 * Who a request goes to: a kind of peer and the cluster it serves. Credentials are chosen by it
 * ({@link PeerCredentials}), and every error names it.
 *
 * @param cluster the cluster's name ({@code yardmaster.clusters.<name>}); null for a peer of the
 *     whole fleet (Graphite)
 */
public record Peer(@Nullable String cluster, PeerKind kind) {
  public Peer {
    requireNonNull(kind, "kind is null");
  }

  public static Peer livy(String cluster) {
    return new Peer(requireNonNull(cluster, "cluster is null"), PeerKind.LIVY);
  }

  public static Peer resourceManager(String cluster) {
    return new Peer(requireNonNull(cluster, "cluster is null"), PeerKind.RESOURCE_MANAGER);
  }

  public static Peer nodeManager(String cluster) {
    return new Peer(cluster, PeerKind.NODE_MANAGER);
  }

  public static Peer graphite() {
    return new Peer(null, PeerKind.GRAPHITE);
  }

  /** {@code alpha's Livy}, or {@code Graphite}. */
  @Override
  public String toString() {
    return cluster == null ? kind.label() : cluster + "'s " + kind.label();
  }
}
