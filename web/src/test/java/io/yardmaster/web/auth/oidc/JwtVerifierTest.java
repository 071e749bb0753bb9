package io.yardmaster.web.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.yardmaster.web.auth.oidc.Refusal.Reason;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {
  private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
  private static final RSAKey RSA = Signing.rsa("r1");
  private static final ECKey EC = Signing.ec("e1");

  private final TestClock clock = new TestClock(NOW);
  private JWKSet published = new JWKSet(List.of(RSA.toPublicJWK(), EC.toPublicJWK()));
  private final OidcIssuer issuer =
      OidcIssuer.of(
          new OidcIssuerConfig(
              "corp",
              Signing.ISSUER,
              "https://idp.example/keys",
              List.of(Signing.AUDIENCE),
              Duration.ofSeconds(60),
              null,
              null,
              "groups",
              "ym-team-",
              null,
              null,
              null,
              null,
              null,
              null,
              null));
  private final JwksCache keys =
      new JwksCache(
          "corp",
          new JwksFetcher() {
            @Override
            public JWKSet fetch() throws IOException {
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
  private final JwtVerifier verifier = new JwtVerifier(issuer, keys, clock);

  private Reason refusal(SignedJWT jwt) {
    JwtVerifier.Verification verification = verifier.verify(jwt);
    return verification.refusal() == null ? null : verification.refusal().reason();
  }

  @Test
  void acceptsRs256AndEs256TokensSignedByThePublishedKeys() {
    JwtVerifier.Verification rsa =
        verifier.verify(Signing.signed(RSA, Signing.claims(NOW, "risk").build()));
    JwtVerifier.Verification ec =
        verifier.verify(Signing.signed(EC, Signing.claims(NOW, "risk").build()));
    assertThat(rsa.refusal()).isNull();
    assertThat(rsa.claims().getSubject()).isEqualTo("alice");
    assertThat(ec.refusal()).isNull();
  }

  @Test
  void expiryAndNotBeforeAllowTheSkewAndNoMore() {
    JWTClaimsSet expiredWithinSkew =
        Signing.claims(NOW.minusSeconds(3600), "risk")
            .expirationTime(Date.from(NOW.minusSeconds(59)))
            .build();
    JWTClaimsSet expired =
        Signing.claims(NOW.minusSeconds(3600), "risk")
            .expirationTime(Date.from(NOW.minusSeconds(61)))
            .build();
    JWTClaimsSet early =
        Signing.claims(NOW, "risk").notBeforeTime(Date.from(NOW.plusSeconds(61))).build();
    JWTClaimsSet noExpiry = Signing.claims(NOW, "risk").expirationTime(null).build();
    assertThat(refusal(Signing.signed(RSA, expiredWithinSkew))).isNull();
    assertThat(refusal(Signing.signed(RSA, expired))).isEqualTo(Reason.EXPIRED);
    assertThat(refusal(Signing.signed(RSA, early))).isEqualTo(Reason.NOT_YET_VALID);
    assertThat(refusal(Signing.signed(RSA, noExpiry))).isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  void refusesAnotherAudienceOrIssuerOrNoSubject() {
    assertThat(
            refusal(Signing.signed(RSA, Signing.claims(NOW, "risk").audience("other-app").build())))
        .isEqualTo(Reason.WRONG_AUDIENCE);
    assertThat(
            refusal(
                Signing.signed(
                    RSA, Signing.claims(NOW, "risk").issuer("https://evil.example").build())))
        .isEqualTo(Reason.WRONG_ISSUER);
    assertThat(refusal(Signing.signed(RSA, Signing.claims(NOW, "risk").subject(null).build())))
        .isEqualTo(Reason.MISSING_CLAIM);
  }

  @Test
  void aTokenSignedByAnotherKeyWithAPublishedKidDoesNotVerify() {
    RSAKey impostor = Signing.rsa("r1");
    assertThat(refusal(Signing.signed(impostor, Signing.claims(NOW, "risk").build())))
        .isEqualTo(Reason.BAD_SIGNATURE);
    ECKey ecImpostor = Signing.ec("e1");
    assertThat(refusal(Signing.signed(ecImpostor, Signing.claims(NOW, "risk").build())))
        .isEqualTo(Reason.BAD_SIGNATURE);
  }

  @Test
  void anUnknownKidIsRefusedAsUnknownKey() {
    assertThat(refusal(Signing.signed(Signing.rsa("r9"), Signing.claims(NOW, "risk").build())))
        .isEqualTo(Reason.UNKNOWN_KEY);
  }

  @Test
  void hs256SignedWithThePublicKeyAsSecretIsRefused() throws JOSEException {
    // The classic confusion: a verifier that took the RSA public key as an HMAC secret would pass.
    byte[] secret = RSA.toPublicJWK().toRSAPublicKey().getEncoded();
    SignedJWT forged =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("r1").build(),
            Signing.claims(NOW, "risk").build());
    forged.sign(new MACSigner(secret));
    JwtVerifier.Verification verification = verifier.verify(forged);
    assertThat(verification.refusal().reason()).isEqualTo(Reason.ALGORITHM_REFUSED);
    assertThat(verification.refusal().message()).contains("HS256").contains("RS256");
  }

  @Test
  void withoutAnyKeySetReadTheReasonIsKeysUnavailable() {
    published = null;
    JwksCache failing =
        new JwksCache(
            "corp",
            new JwksFetcher() {
              @Override
              public JWKSet fetch() throws IOException {
                throw new IOException("connection refused");
              }

              @Override
              public String source() {
                return "test";
              }
            },
            clock,
            Duration.ofMinutes(5),
            Duration.ofSeconds(30));
    JwtVerifier.Verification verification =
        new JwtVerifier(issuer, failing, clock)
            .verify(Signing.signed(RSA, Signing.claims(NOW, "risk").build()));
    assertThat(verification.refusal().reason()).isEqualTo(Reason.KEYS_UNAVAILABLE);
  }
}
