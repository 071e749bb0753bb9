package io.yardmaster.web.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A token as listed: never its secret nor its hash. */
@Serdeable
public record TokenView(
    String id,
    Role role,
    @Nullable String team,
    @Nullable String description,
    Instant createdAt,
    @Nullable Instant revokedAt,
    @Nullable Instant expiresAt) {
  static TokenView of(ApiToken token) {
    return new TokenView(
        token.id(),
        token.role(),
        token.team(),
        token.description(),
        token.createdAt(),
        token.revokedAt(),
        token.expiresAt());
  }
}
