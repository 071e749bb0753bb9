package io.yardmaster.autoscaler.nodepool.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ArmErrorsTest {
  private final ArmErrors errors =
      new ArmErrors(Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC));

  @Test
  void readsRetryAfterInSeconds() {
    assertThat(errors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "17")))
        .isEqualTo(Duration.ofSeconds(17));
  }

  @Test
  void readsRetryAfterAsAnHttpDate() {
    HttpHeaders headers =
        new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "Sat, 21 Nov 2026 12:00:42 GMT");

    assertThat(errors.retryAfter(headers)).isEqualTo(Duration.ofSeconds(42));
  }

  @Test
  void prefersTheMillisecondHeader() {
    HttpHeaders headers =
        new HttpHeaders()
            .set(HttpHeaderName.RETRY_AFTER, "2")
            .set(HttpHeaderName.fromString("retry-after-ms"), "1500");

    assertThat(errors.retryAfter(headers)).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void noOrUnreadableHeaderIsNoRetryAfter() {
    assertThat(errors.retryAfter(new HttpHeaders())).isNull();
    assertThat(errors.retryAfter(new HttpHeaders().set(HttpHeaderName.RETRY_AFTER, "soon")))
        .isNull();
  }
}
