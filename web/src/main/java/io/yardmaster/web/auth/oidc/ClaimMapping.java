package io.yardmaster.web.auth.oidc;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the team and the admin role out of a verified token's claims, as an issuer's settings say.
 * A claim is a string or a list of strings; its name is a top-level claim, or else a path through
 * nested objects ({@code realm_access.roles} in Keycloak).
 */
final class ClaimMapping {
  private ClaimMapping() {}

  /** The teams the claims name (possibly none, possibly several), and whether it is an admin. */
  record Mapped(Set<String> teams, boolean admin) {}

  static Mapped map(OidcIssuer issuer, Map<String, Object> claims) {
    Set<String> teams = new TreeSet<>();
    boolean translated = issuer.teamPrefix() != null || !issuer.teamMapping().isEmpty();
    for (String value : values(claims, issuer.teamClaim())) {
      String mapped = issuer.teamMapping().get(value);
      if (mapped != null) {
        teams.add(mapped);
      } else if (issuer.teamPrefix() != null
          && value.startsWith(issuer.teamPrefix())
          && value.length() > issuer.teamPrefix().length()) {
        teams.add(value.substring(issuer.teamPrefix().length()));
      } else if (!translated && !value.isBlank()) {
        teams.add(value);
      }
    }
    boolean admin =
        issuer.adminClaim() != null
            && values(claims, issuer.adminClaim()).contains(issuer.adminValue());
    return new Mapped(teams, admin);
  }

  /** The string values of claim {@code name}: none when it is absent or of another type. */
  static List<String> values(Map<String, Object> claims, String name) {
    Object value = claims.containsKey(name) ? claims.get(name) : path(claims, name);
    List<String> values = new ArrayList<>();
    if (value instanceof String text) {
      values.add(text);
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (item instanceof String text) {
          values.add(text);
        }
      }
    }
    return values;
  }

  private static Object path(Map<String, Object> claims, String name) {
    Object current = claims;
    for (String part : name.split("\\.", -1)) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(part);
    }
    return current;
  }
}
