package io.yardmaster.web.auth.oidc;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An issuer's settings, checked and with their defaults: a bad one stops the start, naming its key.
 */
public record OidcIssuer(
    String name,
    String issuer,
    @Nullable URI jwksUri,
    Set<String> audience,
    Duration clockSkew,
    Set<JWSAlgorithm> algorithms,
    String subjectClaim,
    String teamClaim,
    @Nullable String teamPrefix,
    Map<String, String> teamMapping,
    @Nullable String adminClaim,
    @Nullable String adminValue,
    Duration jwksCacheTtl,
    Duration jwksMinRefreshInterval,
    @Nullable String browserClientId,
    List<String> browserScopes) {
  /** Asymmetric algorithms only: a key set holds public keys, so HS* could only be forged. */
  static final Set<JWSAlgorithm> ASYMMETRIC =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512);

  static final Duration DEFAULT_SKEW = Duration.ofSeconds(60);
  static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);
  static final Duration DEFAULT_MIN_REFRESH = Duration.ofSeconds(30);

  public OidcIssuer {
    audience = Set.copyOf(audience);
    algorithms = Set.copyOf(algorithms);
    teamMapping = Map.copyOf(teamMapping);
    browserScopes = List.copyOf(browserScopes);
  }

  /** The configuration key of this issuer's {@code field}, for messages. */
  String key(String field) {
    return OidcIssuerConfig.PREFIX + "." + name + "." + field;
  }

  /** Checks {@code config} and fills in the defaults. */
  public static OidcIssuer of(OidcIssuerConfig config) {
    String name = config.name();
    String prefix = OidcIssuerConfig.PREFIX + "." + name + ".";
    String issuer = required(config.issuer(), prefix + "issuer");
    URI jwks = config.jwksUri() == null ? null : fetchable(config.jwksUri(), prefix + "jwks-uri");
    if (jwks == null) {
      fetchable(discovery(issuer).toString(), prefix + "issuer");
    }
    List<String> audience = config.audience() == null ? List.of() : config.audience();
    if (audience.isEmpty() || audience.stream().anyMatch(String::isBlank)) {
      throw new InvalidConfigurationException(
          prefix + "audience must name the aud values meant for Yardmaster");
    }
    Duration skew = config.clockSkew() == null ? DEFAULT_SKEW : config.clockSkew();
    if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(10)) > 0) {
      throw new InvalidConfigurationException(
          prefix + "clock-skew must be between 0 and 10m, got " + skew);
    }
    String teamClaim = required(config.teamClaim(), prefix + "team-claim");
    String browserClientId =
        config.browserClientId() == null || config.browserClientId().isBlank()
            ? null
            : config.browserClientId().trim();
    Set<String> audiences = new LinkedHashSet<>(audience);
    if (browserClientId != null) {
      audiences.add(browserClientId); // the dashboard's ID tokens carry its client id as aud
    }
    List<String> scopes =
        config.browserScopes() == null || config.browserScopes().isEmpty()
            ? List.of("openid", "profile")
            : config.browserScopes().stream().map(String::trim).toList();
    if (!scopes.contains("openid")
        || scopes.stream().anyMatch(scope -> scope.isEmpty() || scope.contains(" "))) {
      throw new InvalidConfigurationException(
          prefix + "browser-scopes must include openid, each scope without spaces, got " + scopes);
    }
    if ((config.adminClaim() == null) != (config.adminValue() == null)) {
      throw new InvalidConfigurationException(
          prefix + "admin-claim and admin-value are set together or not at all");
    }
    return new OidcIssuer(
        name,
        issuer,
        jwks,
        audiences,
        skew,
        algorithms(config.algorithms(), prefix + "algorithms"),
        config.subjectClaim() == null
            ? "sub"
            : required(config.subjectClaim(), prefix + "subject-claim"),
        teamClaim,
        config.teamPrefix() == null || config.teamPrefix().isEmpty() ? null : config.teamPrefix(),
        mapping(config.teamMapping(), prefix + "team-mapping"),
        config.adminClaim(),
        config.adminValue(),
        positive(config.jwksCacheTtl(), DEFAULT_CACHE_TTL, prefix + "jwks-cache-ttl"),
        positive(
            config.jwksMinRefreshInterval(),
            DEFAULT_MIN_REFRESH,
            prefix + "jwks-min-refresh-interval"),
        browserClientId,
        scopes);
  }

  /** Where the issuer publishes its metadata (OpenID Connect Discovery 1.0, section 4). */
  static URI discovery(String issuer) {
    String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    return URI.create(base + "/.well-known/openid-configuration");
  }

  /**
   * {@code uri} if Yardmaster may read keys from it: HTTPS, or plain HTTP to this machine only (a
   * test's or a sidecar's), since keys read over a network in clear could be swapped.
   */
  static URI fetchable(String uri, String key) {
    URI parsed;
    try {
      parsed = URI.create(uri);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(key + " is not a URI: " + uri);
    }
    String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
    String host = parsed.getHost() == null ? "" : parsed.getHost();
    boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
    if (!(scheme.equals("https") || (scheme.equals("http") && loopback))) {
      throw new InvalidConfigurationException(
          key + " must be https:// (plain http only to localhost), got " + uri);
    }
    return parsed;
  }

  private static Set<JWSAlgorithm> algorithms(@Nullable List<String> names, String key) {
    if (names == null || names.isEmpty()) {
      return ASYMMETRIC;
    }
    Set<JWSAlgorithm> chosen = new LinkedHashSet<>();
    for (String name : names) {
      JWSAlgorithm algorithm = JWSAlgorithm.parse(name.trim());
      if (!ASYMMETRIC.contains(algorithm)) {
        throw new InvalidConfigurationException(
            key
                + ": only RS*, PS* and ES* are accepted (a key set holds public keys), got "
                + name);
      }
      chosen.add(algorithm);
    }
    return chosen;
  }

  private static Map<String, String> mapping(@Nullable List<String> entries, String key) {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      int equals = entry.lastIndexOf('=');
      if (equals <= 0 || equals == entry.length() - 1) {
        throw new InvalidConfigurationException(
            key + ": each entry is '<claim value>=<team>', got '" + entry + "'");
      }
      mapping.put(entry.substring(0, equals).trim(), entry.substring(equals + 1).trim());
    }
    return mapping;
  }

  private static String required(@Nullable String value, String key) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException(key + " must be set");
    }
    return value.trim();
  }

  private static Duration positive(@Nullable Duration value, Duration fallback, String key) {
    Duration chosen = value == null ? fallback : value;
    if (chosen.isNegative() || chosen.isZero()) {
      throw new InvalidConfigurationException(key + " must be positive, got " + chosen);
    }
    return chosen;
  }

  /** The names of {@code algorithms}, sorted, for messages. */
  static List<String> names(Set<JWSAlgorithm> algorithms) {
    List<String> names = new ArrayList<>();
    algorithms.forEach(a -> names.add(a.getName()));
    return names.stream().sorted().toList();
  }
}
