package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.yardmaster.app.testing.JwksServer;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.auth.oidc.OidcAuthenticator;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Sign-in with JWTs of two identity providers, each a real HTTP server with keys made here, through
 * the whole service: {@code corp} (discovery, groups {@code ym-team-<team>}, admins by role) and
 * {@code rotating} (a configured JWKS URI, a {@code team} claim) whose keys the tests rotate.
 */
class OidcSignInIT {
  private static final String AUDIENCE = "yardmaster";
  private static final RSAKey RSA = rsa("corp-rsa");
  private static final ECKey EC = ec("corp-ec");
  private static final RSAKey FIRST = rsa("rot-1");

  private static JwksServer corp;
  private static JwksServer rotating;
  private static JobsHarness harness;
  private static String riskJob;
  private static String adsJob;
  private static final List<String> TOKENS = new ArrayList<>();
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static Level yardmasterLevel;

  @BeforeAll
  static void start() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.start();
    root.addAppender(LOGS);
    Logger ours = (Logger) LoggerFactory.getLogger("io.yardmaster");
    yardmasterLevel = ours.getLevel();
    ours.setLevel(Level.DEBUG);

    corp = JwksServer.serving(List.of(RSA, EC));
    rotating = JwksServer.serving(List.of(FIRST));
    String c = "yardmaster.auth.oidc.issuers.corp.";
    String r = "yardmaster.auth.oidc.issuers.rotating.";
    harness =
        JobsHarness.driven(
            Map.ofEntries(
                Map.entry(c + "issuer", corp.issuer()),
                Map.entry(c + "audience", List.of(AUDIENCE)),
                Map.entry(c + "team-claim", "groups"),
                Map.entry(c + "team-prefix", "ym-team-"),
                Map.entry(c + "admin-claim", "roles"),
                Map.entry(c + "admin-value", "ym-admin"),
                Map.entry(r + "issuer", rotating.issuer()),
                Map.entry(r + "jwks-uri", rotating.issuer() + "/jwks"),
                Map.entry(r + "audience", List.of(AUDIENCE, "api://yardmaster")),
                Map.entry(r + "team-claim", "team"),
                Map.entry(r + "jwks-min-refresh-interval", "30s")),
            List.of());
    riskJob = submit(harness.teamToken("risk"));
    adsJob = submit(harness.teamToken("ads"));
  }

  @AfterAll
  static void stop() {
    harness.close();
    corp.close();
    rotating.close();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    ((Logger) LoggerFactory.getLogger("io.yardmaster")).setLevel(yardmasterLevel);
    // Every token any test sent, good or bad, stayed out of every log line.
    assertThat(LOGS.list).isNotEmpty();
    for (ILoggingEvent event : LOGS.list) {
      String line =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
      for (String token : TOKENS) {
        assertThat(line).doesNotContain(token).doesNotContain(signatureOf(token));
      }
    }
  }

  @Test
  void aTeamSignedInByJwtSeesOnlyItsOwnJobsAsItsTeamTokenDoes() {
    for (JWK key : List.of(RSA, EC)) {
      String token = token(key, corpClaims().claim("groups", List.of("staff", "ym-team-risk")));
      assertThat(jobIds(token)).contains(riskJob).doesNotContain(adsJob);
      ApiCalls.refused(
          harness.client(),
          HttpRequest.GET("/api/v1/jobs/" + adsJob).bearerAuth(token),
          HttpStatus.NOT_FOUND);
      ApiError admin =
          ApiCalls.refused(
              harness.client(),
              HttpRequest.GET("/api/v1/tokens").bearerAuth(token),
              HttpStatus.FORBIDDEN);
      assertThat(admin.code()).isEqualTo(ApiErrorCode.FORBIDDEN);
    }
    // It submits as its team: the team's own token sees the job.
    String jwt = token(RSA, corpClaims().claim("groups", List.of("ym-team-risk")));
    String submitted = submit(jwt);
    assertThat(jobIds(harness.teamToken("risk"))).contains(submitted);
    assertThat(jobIds(harness.teamToken("ads"))).doesNotContain(submitted);
  }

  @Test
  void anAdminRoleClaimSeesEveryTeamsJobsAndAdministers() {
    String admin = token(EC, corpClaims().claim("roles", List.of("ym-admin")));
    assertThat(jobIds(admin)).contains(riskJob, adsJob);
    assertThat(
            (Object)
                harness
                    .client()
                    .exchange(HttpRequest.GET("/api/v1/tokens").bearerAuth(admin), String.class)
                    .getStatus())
        .isEqualTo(HttpStatus.OK);
  }

  @Test
  void eachBadTokenIsA401NamingItsReasonAndNeverRepeatsTheToken() {
    Instant now = harness.clock().instant();
    JWTClaimsSet.Builder risk = corpClaims().claim("groups", List.of("ym-team-risk"));
    refused(
        token(RSA, corpClaims().expirationTime(Date.from(now.minusSeconds(61)))),
        ApiErrorCode.TOKEN_EXPIRED,
        "expired");
    refused(token(RSA, risk.audience("another-app")), ApiErrorCode.TOKEN_INVALID, "wrong-audience");
    refused(
        token(RSA, corpClaims().issuer("https://login.example/evil")),
        ApiErrorCode.TOKEN_INVALID,
        "wrong-issuer");
    refused(token(rsa("corp-rsa"), corpClaims()), ApiErrorCode.TOKEN_INVALID, "bad-signature");
    refused(token(ec("corp-ec"), corpClaims()), ApiErrorCode.TOKEN_INVALID, "bad-signature");
    refused(
        token(RSA, corpClaims().claim("groups", List.of("staff"))),
        ApiErrorCode.TOKEN_INVALID,
        "missing-team-claim");
    refused(
        remember(new PlainJWT(corpClaims().build()).serialize()),
        ApiErrorCode.TOKEN_INVALID,
        "algorithm-refused");
    refused(hs256WithThePublicKey(), ApiErrorCode.TOKEN_INVALID, "algorithm-refused");
    ApiError finance =
        refused(
            token(RSA, corpClaims().claim("groups", List.of("ym-team-finance"))),
            ApiErrorCode.TEAM_NOT_REGISTERED,
            "team-not-registered");
    assertThat(finance.message()).contains("'finance'");
  }

  @Test
  void aRotatedKeyIsFetchedOnceAndAFloodOfUnknownKidsDoesNotHammerTheIssuer() {
    OidcAuthenticator oidc = harness.context.getBean(OidcAuthenticator.class);
    harness.clock().advance(Duration.ofSeconds(31));
    assertThat(jobIds(token(FIRST, rotatingClaims("risk")))).contains(riskJob);

    RSAKey second = rsa("rot-2");
    rotating.publish(List.of(second));
    harness.clock().advance(Duration.ofSeconds(31));
    long before = oidc.keyReads("rotating");
    assertThat(jobIds(token(second, rotatingClaims("ads")))).contains(adsJob);
    assertThat(oidc.keyReads("rotating")).isEqualTo(before + 1);
    // The first key left the issuer's set with the rotation.
    refused(token(FIRST, rotatingClaims("risk")), ApiErrorCode.TOKEN_INVALID, "unknown-key");

    harness.clock().advance(Duration.ofSeconds(31));
    long flooded = oidc.keyReads("rotating");
    int served = rotating.jwksReads();
    for (int i = 0; i < 40; i++) {
      refused(
          token(rsa("bogus-" + i), rotatingClaims("risk")),
          ApiErrorCode.TOKEN_INVALID,
          "unknown-key");
    }
    assertThat(oidc.keyReads("rotating")).isEqualTo(flooded + 1);
    assertThat(rotating.jwksReads()).isEqualTo(served + 1);
    assertThat(jobIds(token(second, rotatingClaims("risk")))).contains(riskJob);
  }

  private static ApiError refused(String token, ApiErrorCode code, String reason) {
    HttpClientResponseException error =
        catchThrowableOfType(
            HttpClientResponseException.class,
            () ->
                harness
                    .client()
                    .exchange(HttpRequest.GET("/api/v1/jobs").bearerAuth(token), String.class));
    assertThat(error).as(reason).isNotNull();
    assertThat((Object) error.getStatus()).as(reason).isEqualTo(code.status());
    String body = error.getResponse().getBody(String.class).orElse("");
    assertThat(body).doesNotContain(token).doesNotContain(signatureOf(token));
    if (code.status() == HttpStatus.UNAUTHORIZED) {
      assertThat(error.getResponse().getHeaders().get(HttpHeaders.WWW_AUTHENTICATE))
          .contains("invalid_token");
    }
    ApiError parsed;
    try {
      parsed = harness.context.getBean(JsonMapper.class).readValue(body, ApiError.class);
    } catch (IOException e) {
      throw new AssertionError("not an ApiError: " + body, e);
    }
    assertThat(parsed.code()).as(body).isEqualTo(code);
    assertThat(parsed.details()).as(parsed.message()).containsExactly(reason);
    return parsed;
  }

  @SuppressWarnings("unchecked")
  private static List<String> jobIds(String token) {
    List<Map<String, Object>> jobs =
        (List<Map<String, Object>>) harness.getJson("/api/v1/jobs", token).get("jobs");
    return jobs.stream().map(job -> (String) job.get("id")).toList();
  }

  private static String submit(String token) {
    return (String) harness.post("/api/v1/jobs", token, null, Jobs.sparkPi(1)).body().get("id");
  }

  private static JWTClaimsSet.Builder corpClaims() {
    Instant now = harness.clock().instant();
    return new JWTClaimsSet.Builder()
        .issuer(corp.issuer())
        .audience(AUDIENCE)
        .subject("alice@corp.example")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  private static JWTClaimsSet.Builder rotatingClaims(String team) {
    Instant now = harness.clock().instant();
    return new JWTClaimsSet.Builder()
        .issuer(rotating.issuer())
        .audience(List.of("api://yardmaster"))
        .subject("airflow-service-principal")
        .expirationTime(Date.from(now.plusSeconds(600)))
        .claim("team", team);
  }

  private static String token(JWK key, JWTClaimsSet.Builder claims) {
    try {
      boolean ec = key instanceof ECKey;
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(ec ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256)
                  .keyID(key.getKeyID())
                  .build(),
              claims.build());
      jwt.sign(ec ? new ECDSASigner(key.toECKey()) : new RSASSASigner(key.toRSAKey()));
      return remember(jwt.serialize());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HMAC token keyed with the RSA public key: accepted by a verifier that mixes them up. */
  private static String hs256WithThePublicKey() {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(RSA.getKeyID()).build(),
              corpClaims().claim("groups", List.of("ym-team-risk")).build());
      jwt.sign(new MACSigner(RSA.toRSAPublicKey().getEncoded()));
      return remember(jwt.serialize());
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String remember(String token) {
    synchronized (TOKENS) {
      TOKENS.add(token);
    }
    return token;
  }

  private static String signatureOf(String token) {
    String signature = token.substring(token.lastIndexOf('.') + 1);
    return signature.isEmpty() ? token : signature;
  }

  private static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
