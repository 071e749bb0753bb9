package io.yardmaster.auth;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, checks and revokes bearer tokens. A token is 32 random bytes; the database holds only its
 * SHA-256. Checks are cached for a few seconds so status polls do not each cost a query; a token
 * revoked on another replica stops working within {@link #CACHE_TTL}.
 */
@Singleton
public final class Tokens {
  static final Duration CACHE_TTL = Duration.ofSeconds(10);
  private static final String PREFIX = "ym_";
  private static final int CACHE_LIMIT = 10_000;

  private final ApiTokenRepository repository;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public Tokens(ApiTokenRepository repository, Clock clock) {
    this.repository = repository;
    this.clock = clock;
  }

  public IssuedToken issue(Role role, @Nullable String team, @Nullable String description) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = UUID.randomUUID().toString();
    repository.save(new ApiToken(id, hash(token), role, team, description, clock.instant(), null));
    return new IssuedToken(id, role, team, token);
  }

  /** The caller a presented token stands for, if it is known and not revoked. */
  public Optional<Caller> authenticate(String token) {
    String hash = hash(token);
    Instant now = clock.instant();
    Cached cached = cache.get(hash);
    if (cached != null && cached.expiresAt().isAfter(now)) {
      return Optional.ofNullable(cached.caller());
    }
    Caller caller =
        repository
            .findByTokenHash(hash)
            .filter(ApiToken::active)
            .map(stored -> new Caller(stored.id(), stored.role(), stored.team()))
            .orElse(null);
    if (cache.size() >= CACHE_LIMIT) {
      cache.clear();
    }
    cache.put(hash, new Cached(caller, now.plus(CACHE_TTL)));
    return Optional.ofNullable(caller);
  }

  /** Revokes a token; false when there is no such active token. */
  public boolean revoke(String id) {
    Optional<ApiToken> token = repository.findById(id).filter(ApiToken::active);
    if (token.isEmpty()) {
      return false;
    }
    ApiToken stored = token.get();
    repository.update(
        new ApiToken(
            stored.id(),
            stored.tokenHash(),
            stored.role(),
            stored.team(),
            stored.description(),
            stored.createdAt(),
            clock.instant()));
    cache.remove(stored.tokenHash());
    return true;
  }

  public boolean anyActiveAdmin() {
    return repository.countByRoleAndRevokedAtIsNull(Role.ADMIN) > 0;
  }

  static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private record Cached(@Nullable Caller caller, Instant expiresAt) {}
}
