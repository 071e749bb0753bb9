package io.yardmaster.web.auth;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/** A stored API token: only its SHA-256, never the token itself. */
@MappedEntity("api_token")
public record ApiToken(
    @Id String id,
    String tokenHash,
    Role role,
    @Nullable String team,
    @Nullable String description,
    Instant createdAt,
    @Nullable Instant revokedAt,
    @Nullable Instant expiresAt) {
  public ApiToken {
    requireNonNull(id, "id is null");
    requireNonNull(tokenHash, "tokenHash is null");
    requireNonNull(role, "role is null");
    requireNonNull(createdAt, "createdAt is null");
  }

  /** Not revoked and not expired at {@code now}. */
  public boolean activeAt(Instant now) {
    return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
  }
}
