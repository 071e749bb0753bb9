package io.yardmaster.web.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.web.auth.oidc.Refusal.Reason;
import java.security.Key;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Verifies a signed JWT of one issuer: an accepted algorithm, a signature by one of the issuer's
 * keys, then the claims (issuer, expiry and not-before within the clock skew, audience, subject).
 * The claims are read only once the signature holds, so no refusal repeats an unproven claim.
 */
final class JwtVerifier {
  private final OidcIssuer issuer;
  private final JwksCache keys;
  private final Clock clock;
  private final JWSVerificationKeySelector<SecurityContext> selector;
  private final DefaultJWSVerifierFactory verifiers = new DefaultJWSVerifierFactory();

  JwtVerifier(OidcIssuer issuer, JwksCache keys, Clock clock) {
    this.issuer = issuer;
    this.keys = keys;
    this.clock = clock;
    this.selector = new JWSVerificationKeySelector<>(issuer.algorithms(), keys);
  }

  /** The outcome: the verified claims, or why not. */
  record Verification(@Nullable JWTClaimsSet claims, @Nullable Refusal refusal) {
    static Verification refused(Reason reason, String message) {
      return new Verification(null, new Refusal(reason, message));
    }
  }

  Verification verify(SignedJWT jwt) {
    JWSHeader header = jwt.getHeader();
    JWSAlgorithm algorithm = header.getAlgorithm();
    if (!issuer.algorithms().contains(algorithm)) {
      return Verification.refused(
          Reason.ALGORITHM_REFUSED,
          "the token is signed with "
              + algorithm.getName()
              + "; issuer "
              + issuer.name()
              + " accepts "
              + String.join(", ", OidcIssuer.names(issuer.algorithms())));
    }
    List<? extends Key> candidates;
    try {
      candidates = selector.selectJWSKeys(header, null);
    } catch (KeySourceException e) {
      candidates = List.of();
    }
    if (candidates.isEmpty()) {
      return keys.loaded()
          ? Verification.refused(
              Reason.UNKNOWN_KEY,
              "the token's key"
                  + (printable(header.getKeyID()) ? " (kid " + header.getKeyID() + ")" : "")
                  + " is not among issuer "
                  + issuer.name()
                  + "'s signing keys")
          : Verification.refused(
              Reason.KEYS_UNAVAILABLE,
              "the signing keys of issuer " + issuer.name() + " cannot be read now");
    }
    if (!signedByOneOf(jwt, candidates)) {
      return Verification.refused(
          Reason.BAD_SIGNATURE, "the token's signature does not verify with the issuer's key");
    }
    JWTClaimsSet claims;
    try {
      claims = jwt.getJWTClaimsSet();
    } catch (ParseException e) {
      return Verification.refused(Reason.MALFORMED, "the token's claims are not a JSON object");
    }
    Verification refused = checkClaims(claims);
    return refused != null ? refused : new Verification(claims, null);
  }

  /** Whether an unproven key id may be repeated in an answer. */
  private static boolean printable(@Nullable String kid) {
    return kid != null && kid.matches("[A-Za-z0-9._-]{1,64}");
  }

  private boolean signedByOneOf(SignedJWT jwt, List<? extends Key> candidates) {
    for (Key key : candidates) {
      try {
        JWSVerifier verifier = verifiers.createJWSVerifier(jwt.getHeader(), key);
        if (jwt.verify(verifier)) {
          return true;
        }
      } catch (JOSEException | IllegalStateException e) {
        // Not this key (wrong type or size): try the next one.
      }
    }
    return false;
  }

  @Nullable
  private Verification checkClaims(JWTClaimsSet claims) {
    if (!issuer.issuer().equals(claims.getIssuer())) {
      return Verification.refused(
          Reason.WRONG_ISSUER, "the token's issuer is not " + issuer.issuer());
    }
    Instant now = clock.instant();
    Date expires = claims.getExpirationTime();
    if (expires == null) {
      return Verification.refused(Reason.MISSING_CLAIM, "the token has no exp claim");
    }
    if (now.isAfter(expires.toInstant().plus(issuer.clockSkew()))) {
      return Verification.refused(
          Reason.EXPIRED, "the token expired at " + expires.toInstant() + ": sign in again");
    }
    Date notBefore = claims.getNotBeforeTime();
    if (notBefore != null && now.plus(issuer.clockSkew()).isBefore(notBefore.toInstant())) {
      return Verification.refused(
          Reason.NOT_YET_VALID, "the token is valid only from " + notBefore.toInstant());
    }
    List<String> audience = claims.getAudience();
    if (audience.stream().noneMatch(issuer.audience()::contains)) {
      return Verification.refused(
          Reason.WRONG_AUDIENCE,
          "the token is not meant for Yardmaster: none of its aud values is in "
              + issuer.key("audience"));
    }
    if (ClaimMapping.values(claims.getClaims(), issuer.subjectClaim()).isEmpty()) {
      return Verification.refused(
          Reason.MISSING_CLAIM, "the token has no " + issuer.subjectClaim() + " claim");
    }
    return null;
  }
}
