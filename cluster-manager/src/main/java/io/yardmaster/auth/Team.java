package io.yardmaster.auth;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A team: the Livy proxy user its jobs run as (never the caller's choice), its quotas and its
 * priority (higher starts first).
 */
@Serdeable
@MappedEntity("team")
public record Team(
    @Id String name,
    String proxyUser,
    int priority,
    int maxRunningJobs,
    int maxCores,
    long maxMemoryMb,
    Instant createdAt) {
  public Team {
    requireNonNull(name, "name is null");
    requireNonNull(proxyUser, "proxyUser is null");
    requireNonNull(createdAt, "createdAt is null");
  }
}
