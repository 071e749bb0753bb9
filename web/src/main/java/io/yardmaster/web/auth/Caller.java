package io.yardmaster.web.auth;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;

/**
 * Who made a request, as proven by its bearer token. Set by {@link BearerTokenFilter} as the
 * request attribute {@link #ATTRIBUTE}; controllers take it with {@code @RequestAttribute}.
 */
public record Caller(String tokenId, Role role, @Nullable String team) {
  public static final String ATTRIBUTE = "yardmaster.caller";

  public Caller {
    requireNonNull(tokenId, "tokenId is null");
    requireNonNull(role, "role is null");
    if (role == Role.TEAM && team == null) {
      throw new IllegalArgumentException("a team token needs a team");
    }
  }

  public boolean admin() {
    return role == Role.ADMIN;
  }

  /** Whether this caller may see and act on things owned by {@code owner}. */
  public boolean owns(String owner) {
    return admin() || owner.equals(team);
  }

  /** Fails with a 403 unless the caller has the admin role. */
  public void requireAdmin() {
    if (!admin()) {
      throw ApiException.forbidden("this needs an admin token");
    }
  }

  /** The team a team token acts for; an admin must name one. */
  public String teamOrFail() {
    if (team == null) {
      throw new ApiException(
          ApiErrorCode.TEAM_REQUIRED, "an admin token has no team: submit with a team token");
    }
    return team;
  }
}
