package io.yardmaster.health;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;

/** The live health of one cluster's two peers. */
@Serdeable
public record ClusterHealth(PeerHealth livy, PeerHealth resourceManager) {
  public static final ClusterHealth UNKNOWN =
      new ClusterHealth(PeerHealth.UNKNOWN, PeerHealth.UNKNOWN);

  public ClusterHealth {
    requireNonNull(livy, "livy is null");
    requireNonNull(resourceManager, "resourceManager is null");
  }

  /** The statuses without the probes' texts (addresses, errors): what a team may see. */
  public ClusterHealth statusOnly() {
    return new ClusterHealth(livy.statusOnly(), resourceManager.statusOnly());
  }

  public boolean up() {
    return livy.up() && resourceManager.up();
  }
}
