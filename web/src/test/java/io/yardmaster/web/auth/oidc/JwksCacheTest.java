package io.yardmaster.web.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class JwksCacheTest {
  private final TestClock clock = new TestClock(Instant.parse("2026-12-02T06:00:00Z"));
  private final AtomicInteger fetches = new AtomicInteger();
  private volatile JWKSet published = new JWKSet(Signing.rsa("k1").toPublicJWK());
  private volatile boolean down;
  private final JwksCache cache =
      new JwksCache(
          "corp",
          new JwksFetcher() {
            @Override
            public JWKSet fetch() throws IOException {
              fetches.incrementAndGet();
              if (down) {
                throw new IOException("connection refused");
              }
              return published;
            }

            @Override
            public String source() {
              return "test";
            }
          },
          clock,
          Duration.ofMinutes(5),
          Duration.ofSeconds(30));

  private static JWKSelector kid(String kid) {
    return new JWKSelector(new JWKMatcher.Builder().keyID(kid).build());
  }

  @Test
  void aFloodOfUnknownKidsReadsTheSetOncePerMinimumInterval() {
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    assertThat(fetches).hasValue(1);
    for (int i = 0; i < 1000; i++) {
      assertThat(cache.get(kid("bogus-" + i), null)).isEmpty();
    }
    // The first unknown kid came at once after the first read: still inside the interval.
    assertThat(fetches).hasValue(1);
    clock.advance(Duration.ofSeconds(30));
    for (int i = 0; i < 1000; i++) {
      cache.get(kid("bogus-" + i), null);
    }
    assertThat(fetches).hasValue(2);
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    assertThat(fetches).hasValue(2);
  }

  @Test
  void aRotatedKeyIsFoundByReadingTheSetAgain() {
    cache.get(kid("k1"), null);
    RSAKey next = Signing.rsa("k2");
    published = new JWKSet(next.toPublicJWK());
    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.get(kid("k2"), null)).hasSize(1);
    assertThat(fetches).hasValue(2);
    // k1 is gone from the issuer's set, so from ours.
    clock.advance(Duration.ofSeconds(31));
    assertThat(cache.get(kid("k1"), null)).isEmpty();
  }

  @Test
  void theSetIsReadAgainAfterItsTtlAndTheLastGoodOneStaysWhenTheIssuerIsDown() {
    cache.get(kid("k1"), null);
    clock.advance(Duration.ofMinutes(5));
    down = true;
    assertThat(cache.get(kid("k1"), null)).hasSize(1);
    assertThat(fetches).hasValue(2);
    assertThat(cache.loaded()).isTrue();
  }

  @Test
  void symmetricAndPrivateKeysPublishedByMistakeAreNeverUsed() throws Exception {
    RSAKey withPrivate = Signing.rsa("k1");
    OctetSequenceKey secret = new OctetSequenceKey.Builder(new byte[32]).keyID("h1").build();
    published = new JWKSet(List.of(withPrivate, secret));
    assertThat(cache.get(kid("h1"), null)).isEmpty();
    assertThat(cache.get(kid("k1"), null)).singleElement().matches(key -> !key.isPrivate());
  }
}
