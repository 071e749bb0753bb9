package io.yardmaster.web.auth.oidc;

import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.Texts;
import io.yardmaster.core.registry.InvalidConfigurationException;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.oidc.Refusal.Reason;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.http.HttpClient;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs in a caller with a JWT of a configured issuer (Azure AD, Keycloak, any OpenID provider):
 * the token is verified ({@link JwtVerifier}), then its claims give the team and the admin role
 * ({@link ClaimMapping}). A team must exist in Yardmaster (ADR 0020): the caller then acts for it
 * exactly as with a team token. The token is never logged nor repeated in an answer.
 */
@Singleton
@Requires(beans = DataSource.class)
public final class OidcAuthenticator {
  private static final Logger LOG = LoggerFactory.getLogger(OidcAuthenticator.class);
  static final int MAX_CALLER_ID = 150;
  static final int MAX_NAME = 100;

  private final Map<String, Issuing> byIssuer = new HashMap<>();
  private final TeamLookup teams;

  private record Issuing(OidcIssuer issuer, JwksCache keys, JwtVerifier verifier) {}

  @Inject
  public OidcAuthenticator(List<OidcIssuerConfig> configs, TeamRepository teams, Clock clock) {
    this(
        configs.stream().map(OidcIssuer::of).toList(),
        teams,
        clock,
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());
  }

  OidcAuthenticator(List<OidcIssuer> issuers, TeamRepository teams, Clock clock, HttpClient http) {
    this.teams = new TeamLookup(teams, clock);
    for (OidcIssuer issuer : issuers) {
      JwksCache keys =
          new JwksCache(
              issuer.name(),
              new HttpJwksFetcher(issuer, http),
              clock,
              issuer.jwksCacheTtl(),
              issuer.jwksMinRefreshInterval());
      Issuing previous =
          byIssuer.put(
              issuer.issuer(), new Issuing(issuer, keys, new JwtVerifier(issuer, keys, clock)));
      if (previous != null) {
        throw new InvalidConfigurationException(
            issuer.key("issuer") + " repeats " + previous.issuer().key("issuer"));
      }
    }
  }

  /** Whether any issuer is configured; without one a JWT is an unknown token, as before. */
  public boolean enabled() {
    return !byIssuer.isEmpty();
  }

  /** The issuers the dashboard offers a sign-in with (those with a browser client id). */
  public List<OidcIssuer> browserSignIns() {
    return byIssuer.values().stream()
        .map(Issuing::issuer)
        .filter(issuer -> issuer.browserClientId() != null)
        .sorted(java.util.Comparator.comparing(OidcIssuer::name))
        .toList();
  }

  /** Whether {@code token} has the shape of a JWT (header.payload.signature), not of ours. */
  public static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() >= 2
        && token.chars().noneMatch(Character::isWhitespace);
  }

  /** How often the key set of issuer {@code name} was read (tests: the refresh's rate limit). */
  public long keyReads(String name) {
    return byIssuer.values().stream()
        .filter(issuing -> issuing.issuer().name().equals(name))
        .mapToLong(issuing -> issuing.keys().reads())
        .sum();
  }

  /** The caller a JWT stands for, or why it is refused. */
  public record Outcome(@Nullable Caller caller, @Nullable Refusal refusal) {
    static Outcome refused(Reason reason, String message) {
      return new Outcome(null, new Refusal(reason, message));
    }
  }

  public Outcome authenticate(String token) {
    Outcome outcome = judge(token);
    if (outcome.refusal() != null) {
      // The reason and its sentence only: neither holds the token.
      LOG.debug(
          "JWT refused ({}): {}", outcome.refusal().reason().word(), outcome.refusal().message());
    }
    return outcome;
  }

  private Outcome judge(String token) {
    JWT parsed;
    try {
      parsed = JWTParser.parse(token);
    } catch (ParseException e) {
      return Outcome.refused(
          Reason.MALFORMED, "the bearer token is neither a Yardmaster token nor a signed JWT");
    }
    if (parsed instanceof PlainJWT) {
      return Outcome.refused(Reason.ALGORITHM_REFUSED, "an unsigned JWT (alg none) is refused");
    }
    if (parsed instanceof EncryptedJWT || !(parsed instanceof SignedJWT jwt)) {
      return Outcome.refused(Reason.ALGORITHM_REFUSED, "only signed JWTs (JWS) are accepted");
    }
    Issuing issuing;
    try {
      issuing = byIssuer.get(String.valueOf(jwt.getJWTClaimsSet().getIssuer()));
    } catch (ParseException e) {
      return Outcome.refused(Reason.MALFORMED, "the token's claims are not a JSON object");
    }
    if (issuing == null) {
      return Outcome.refused(
          Reason.WRONG_ISSUER, "the token's issuer is not one Yardmaster is configured to trust");
    }
    JwtVerifier.Verification verification = issuing.verifier().verify(jwt);
    if (verification.refusal() != null) {
      return new Outcome(null, verification.refusal());
    }
    return caller(issuing.issuer(), verification.claims());
  }

  private Outcome caller(OidcIssuer issuer, JWTClaimsSet claims) {
    String subject = ClaimMapping.values(claims.getClaims(), issuer.subjectClaim()).get(0);
    String id = Texts.bounded("oidc:" + issuer.name() + ":" + subject, MAX_CALLER_ID);
    ClaimMapping.Mapped mapped = ClaimMapping.map(issuer, claims.getClaims());
    Set<String> named = mapped.teams();
    if (mapped.admin()) {
      String team = named.size() == 1 ? named.iterator().next() : null;
      return new Outcome(
          new Caller(id, Role.ADMIN, team != null && teams.exists(team) ? team : null), null);
    }
    if (named.isEmpty()) {
      return Outcome.refused(
          Reason.MISSING_TEAM_CLAIM,
          "the token's " + issuer.teamClaim() + " claim names no Yardmaster team");
    }
    if (named.size() > 1) {
      return Outcome.refused(
          Reason.TEAM_AMBIGUOUS,
          Texts.bounded(
              "the token's " + issuer.teamClaim() + " claim names several teams: " + named,
              MAX_NAME * 3));
    }
    String team = named.iterator().next();
    if (!teams.exists(team)) {
      return Outcome.refused(
          Reason.TEAM_NOT_REGISTERED,
          "team '"
              + Texts.bounded(team, MAX_NAME)
              + "' (from the token's "
              + issuer.teamClaim()
              + " claim) is not registered in Yardmaster: an admin creates it first");
    }
    return new Outcome(new Caller(id, Role.TEAM, team), null);
  }
}
