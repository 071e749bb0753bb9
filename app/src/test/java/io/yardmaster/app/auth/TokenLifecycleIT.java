package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.yardmaster.testing.ApiCalls;
import io.yardmaster.testing.Databases;
import io.yardmaster.testing.JobsHarness;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens against a spray, an expiry, and two admins revoking the last two admin tokens at once. */
class TokenLifecycleIT {
  private static Map<String, Object> database(String name) {
    return name.equals("h2") ? Databases.h2() : Databases.postgres();
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  void aSprayOfRandomTokensNeitherPassesNorLocksOutAValidOne(String db) {
    try (JobsHarness harness = JobsHarness.start(database(db))) {
      String valid = harness.teamToken("sprayed");
      SecureRandom random = new SecureRandom();
      for (int i = 0; i < 500; i++) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String forged = "ym_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiError refused =
            ApiCalls.refused(
                harness.client(),
                HttpRequest.GET("/api/v1/jobs").bearerAuth(forged),
                HttpStatus.UNAUTHORIZED);
        assertThat(refused.code()).isEqualTo(ApiErrorCode.TOKEN_UNKNOWN);
      }
      assertThat(harness.getJson("/api/v1/jobs", valid)).containsKey("jobs");
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  void anExpiredTokenIsRefusedAndSaysSo(String db) {
    try (JobsHarness harness = JobsHarness.start(database(db))) {
      harness.teamToken("brief");
      String expired =
          harness
              .context
              .getBean(Tokens.class)
              .issue(Role.TEAM, "brief", "expired", Instant.now().minusSeconds(1))
              .token();
      ApiError refused =
          ApiCalls.refused(
              harness.client(),
              HttpRequest.GET("/api/v1/jobs").bearerAuth(expired),
              HttpStatus.UNAUTHORIZED);
      assertThat(refused.code()).isEqualTo(ApiErrorCode.TOKEN_EXPIRED);
    }
  }

  @ParameterizedTest(name = "on {0}")
  @ValueSource(strings = {"h2", "postgres"})
  void twoRevocationsOfTheLastTwoAdminTokensAtOnceLeaveOne(String db) throws Exception {
    try (JobsHarness harness = JobsHarness.start(database(db))) {
      Tokens tokens = harness.context.getBean(Tokens.class);
      String first = tokens.issue(Role.ADMIN, null, "first").id();
      String second = tokens.issue(Role.ADMIN, null, "second").id();
      CyclicBarrier start = new CyclicBarrier(2);
      List<String> outcomes =
          List.of(revokeAfter(tokens, start, first), revokeAfter(tokens, start, second)).stream()
              .map(CompletableFuture::join)
              .sorted()
              .toList();
      assertThat(outcomes).containsExactly("LAST_ADMIN_TOKEN", "revoked");
      assertThat(tokens.anyActiveAdmin()).isTrue();
    }
  }

  private static CompletableFuture<String> revokeAfter(
      Tokens tokens, CyclicBarrier start, String id) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            start.await();
            return tokens.revoke(id) ? "revoked" : "not active";
          } catch (ApiException e) {
            return e.error().code().name();
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
  }
}
