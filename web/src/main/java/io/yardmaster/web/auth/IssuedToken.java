package io.yardmaster.web.auth;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A token just created: the only time its secret is shown. */
@Serdeable
public record IssuedToken(
    String id, Role role, @Nullable String team, String token, @Nullable Instant expiresAt) {
  public IssuedToken {
    requireNonNull(id, "id is null");
    requireNonNull(role, "role is null");
    requireNonNull(token, "token is null");
  }

  @Override
  public String toString() {
    return "IssuedToken[id=" + id + ", role=" + role + ", team=" + team + ", token=***]";
  }
}
