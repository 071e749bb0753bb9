package io.yardmaster.health;

import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.core.Texts;

/**
 * One cluster's last probe as the replica that holds the probe's lease stored it, so that every
 * replica reports the same health. (Routing's load is read apart: {@code io.yardmaster.load}.)
 *
 * @param health the Livy and ResourceManager probes
 */
@Serdeable
public record ClusterReading(ClusterHealth health) {
  /** Longest probe detail kept: enough for an error message, never a whole error page. */
  static final int DETAIL_LIMIT = 500;

  /** This reading with every detail text bounded, as it is stored. */
  ClusterReading bounded() {
    return new ClusterReading(
        new ClusterHealth(bounded(health.livy()), bounded(health.resourceManager())));
  }

  private static PeerHealth bounded(PeerHealth peer) {
    return new PeerHealth(
        peer.status(),
        Texts.bounded(peer.detail(), DETAIL_LIMIT),
        peer.checkedAt(),
        peer.latencyMillis());
  }
}
