package io.yardmaster.web.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Issues, checks and revokes bearer tokens. A token is {@code ym_} and 32 random bytes; the
 * database holds only its SHA-256.
 *
 * <p>Checks never cost a query: every active token is held in memory, re-read every {@code
 * yardmaster.auth.token-refresh} (5 s), so a token revoked on another replica stops working within
 * that time. A well-formed token this replica does not know (one issued a moment ago on another
 * replica) is looked up in the database, at most {@link MissBudget#PER_SECOND} times a second:
 * spraying random tokens can neither flush the known ones nor load the database.
 */
@Singleton
@Requires(beans = DataSource.class)
public final class Tokens {
  static final String PREFIX = "ym_";
  private static final Pattern FORMAT = Pattern.compile("ym_[A-Za-z0-9_-]{43}");

  private final ApiTokenRepository repository;
  private final AdminTokenGuard guard;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final MissBudget misses;
  private volatile Map<String, ApiToken> active = new ConcurrentHashMap<>();

  public Tokens(ApiTokenRepository repository, AdminTokenGuard guard, Clock clock) {
    this.repository = repository;
    this.guard = guard;
    this.clock = clock;
    this.misses = new MissBudget(clock);
    refresh();
  }

  public IssuedToken issue(Role role, @Nullable String team, @Nullable String description) {
    return issue(role, team, description, null);
  }

  public IssuedToken issue(
      Role role, @Nullable String team, @Nullable String description, @Nullable Instant expires) {
    byte[] secret = new byte[32];
    random.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    String id = UUID.randomUUID().toString();
    ApiToken stored =
        repository.save(
            new ApiToken(id, hash(token), role, team, description, clock.instant(), null, expires));
    active.put(stored.tokenHash(), stored);
    return new IssuedToken(id, role, team, token, expires);
  }

  /** Whether {@code token} has the form of one of ours ({@code ym_} and 32 random bytes). */
  public static boolean wellFormed(String token) {
    return token != null && FORMAT.matcher(token).matches();
  }

  /**
   * Makes a token the operator chose (a mounted Secret) an active admin token, under {@code
   * description}; every other admin token of that description is revoked, so a rotated Secret
   * replaces the old token. Two replicas may do it at once: the row's id comes from the hash, so
   * the second insert fails on the key and finds the first. Returns the id, or empty when this
   * token was revoked (a revocation is never undone by a restart).
   */
  public Optional<String> adopt(String token, String description) {
    if (!wellFormed(token)) {
      throw new IllegalArgumentException("not a Yardmaster token");
    }
    String hash = hash(token);
    String id = "adopted-" + hash.substring(0, 28);
    Optional<ApiToken> known = repository.findByTokenHash(hash);
    if (known.isEmpty()) {
      try {
        repository.save(
            new ApiToken(id, hash, Role.ADMIN, null, description, clock.instant(), null, null));
      } catch (RuntimeException e) {
        known = repository.findByTokenHash(hash);
        if (known.isEmpty()) {
          throw e;
        }
      }
    }
    if (known.isPresent()
        && (known.get().revokedAt() != null || known.get().role() != Role.ADMIN)) {
      return Optional.empty();
    }
    for (ApiToken other : repository.findByRevokedAtIsNull()) {
      if (!other.tokenHash().equals(hash) && description.equals(other.description())) {
        revoke(other.id());
      }
    }
    refresh();
    return Optional.of(known.map(ApiToken::id).orElse(id));
  }

  /** The caller a presented token stands for, if it is known, not revoked and not expired. */
  public Optional<Caller> authenticate(String token) {
    Check check = check(token);
    return check.outcome() == Check.Outcome.VALID ? Optional.of(check.caller()) : Optional.empty();
  }

  /** What a presented token is: valid (with its caller), expired, or unknown (or revoked). */
  public Check check(String token) {
    if (!wellFormed(token)) {
      return Check.UNKNOWN;
    }
    String hash = hash(token);
    ApiToken known = active.get(hash);
    if (known == null && misses.take()) {
      known = repository.findByTokenHash(hash).filter(t -> t.revokedAt() == null).orElse(null);
      if (known != null) {
        active.put(hash, known);
      }
    }
    if (known == null) {
      return Check.UNKNOWN;
    }
    if (!known.activeAt(clock.instant())) {
      return Check.EXPIRED;
    }
    return new Check(Check.Outcome.VALID, caller(known));
  }

  /** The outcome of checking a presented token. */
  public record Check(Outcome outcome, @Nullable Caller caller) {
    public static final Check UNKNOWN = new Check(Outcome.UNKNOWN, null);
    static final Check EXPIRED = new Check(Outcome.EXPIRED, null);

    /** Whether the token may be used. */
    public enum Outcome {
      VALID,
      EXPIRED,
      UNKNOWN
    }
  }

  /** Revokes a token; refused when it is the last active admin token (nobody could administer). */
  public boolean revoke(String id) {
    Optional<ApiToken> token = repository.findById(id).filter(t -> t.activeAt(clock.instant()));
    if (token.isEmpty()) {
      return false;
    }
    if (!guard.revoke(token.get(), clock.instant())) {
      return false;
    }
    active.remove(token.get().tokenHash());
    return true;
  }

  public boolean anyActiveAdmin() {
    Instant now = clock.instant();
    return repository.findByRevokedAtIsNull().stream()
        .anyMatch(token -> token.role() == Role.ADMIN && token.activeAt(now));
  }

  /** Re-reads every active token: revocations and issues of other replicas arrive here. */
  @Scheduled(fixedDelay = "${yardmaster.auth.token-refresh:5s}", initialDelay = "5s")
  void refresh() {
    Map<String, ApiToken> fresh = new HashMap<>();
    for (ApiToken token : repository.findByRevokedAtIsNull()) {
      fresh.put(token.tokenHash(), token);
    }
    active = new ConcurrentHashMap<>(fresh);
  }

  static Caller caller(ApiToken token) {
    return new Caller(token.id(), token.role(), token.team());
  }

  static String hash(String token) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
