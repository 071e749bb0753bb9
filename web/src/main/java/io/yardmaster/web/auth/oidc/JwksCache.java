package io.yardmaster.web.auth.oidc;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An issuer's key set, read when first needed and again after {@code ttl}. A token whose key is not
 * in it (the issuer rotated its keys) reads it again, but at most once per {@code minRefresh}
 * counting every read: a flood of tokens with made-up key ids makes one request to the identity
 * provider, not one each. When a read fails the last good set stays in use.
 */
final class JwksCache implements JWKSource<SecurityContext> {
  private static final Logger LOG = LoggerFactory.getLogger(JwksCache.class);

  private final String issuer;
  private final JwksFetcher fetcher;
  private final Clock clock;
  private final Duration ttl;
  private final Duration minRefresh;
  @Nullable private JWKSet keys;
  @Nullable private Instant readAt;
  @Nullable private Instant attemptedAt;
  private long reads;

  JwksCache(String issuer, JwksFetcher fetcher, Clock clock, Duration ttl, Duration minRefresh) {
    this.issuer = issuer;
    this.fetcher = fetcher;
    this.clock = clock;
    this.ttl = ttl;
    this.minRefresh = minRefresh;
  }

  @Override
  public synchronized List<JWK> get(JWKSelector selector, SecurityContext context) {
    Instant now = clock.instant();
    if ((keys == null || !now.isBefore(readAt.plus(ttl))) && mayRead(now)) {
      read(now);
    }
    List<JWK> found = keys == null ? List.of() : selector.select(keys);
    if (found.isEmpty() && mayRead(now)) {
      read(now);
      found = keys == null ? List.of() : selector.select(keys);
    }
    return found;
  }

  /** Whether a key set was ever read: without one every token is refused as keys-unavailable. */
  synchronized boolean loaded() {
    return keys != null;
  }

  /** How many reads were attempted (for tests and the rate limit's proof). */
  synchronized long reads() {
    return reads;
  }

  private boolean mayRead(Instant now) {
    return attemptedAt == null || !now.isBefore(attemptedAt.plus(minRefresh));
  }

  private void read(Instant now) {
    attemptedAt = now;
    reads++;
    try {
      keys = fetcher.fetch().toPublicJWKSet();
      readAt = now;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cannot read the signing keys of OIDC issuer {} from {} ({}){}",
          issuer,
          fetcher.source(),
          e.getMessage(),
          keys == null ? "" : ": the last keys read stay in use");
    }
  }
}
