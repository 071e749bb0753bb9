package io.yardmaster.health;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** The result of one probe: status, why, when, and how long the peer took to answer. */
@Serdeable
public record PeerHealth(
    PeerStatus status, String detail, @Nullable Instant checkedAt, long latencyMillis) {
  public static final PeerHealth UNKNOWN =
      new PeerHealth(PeerStatus.UNKNOWN, "not probed yet", null, 0);

  public PeerHealth {
    requireNonNull(status, "status is null");
    requireNonNull(detail, "detail is null");
  }

  /** This reading without its detail text. */
  public PeerHealth statusOnly() {
    return new PeerHealth(status, status.name(), checkedAt, latencyMillis);
  }

  public boolean up() {
    return status == PeerStatus.UP;
  }
}
