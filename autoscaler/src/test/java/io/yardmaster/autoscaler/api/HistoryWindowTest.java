package io.yardmaster.autoscaler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.web.errors.ApiException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The history's window and step: rolling windows on whole steps, defaults, and what is refused. */
class HistoryWindowTest {
  private static final Instant NOW = Instant.parse("2026-11-04T12:31:10Z");

  @Test
  void aRollingWindowEndsWithTheStepThatHoldsNow() {
    HistoryWindow day = HistoryWindow.parse("24h", null, NOW);
    assertThat(day.step()).isEqualTo(Duration.ofMinutes(5));
    assertThat(day.end()).isEqualTo(Instant.parse("2026-11-04T12:35:00Z"));
    assertThat(day.start()).isEqualTo(Instant.parse("2026-11-03T12:35:00Z"));
    assertThat(day.buckets()).isEqualTo(288);
    assertThat(day.stepText()).isEqualTo("5m");

    HistoryWindow week = HistoryWindow.parse("7d", null, NOW);
    assertThat(week.step()).isEqualTo(Duration.ofHours(1));
    assertThat(week.end()).isEqualTo(Instant.parse("2026-11-04T13:00:00Z"));
    assertThat(week.stepText()).isEqualTo("1h");
    assertThat(HistoryWindow.parse("30d", null, NOW).stepText()).isEqualTo("3h");
    assertThat(HistoryWindow.parse("1h", null, NOW).stepText()).isEqualTo("1m");

    // Now exactly on a step: that step (which holds now) is the last.
    HistoryWindow onTheDot = HistoryWindow.parse("1h", "5m", Instant.parse("2026-11-04T12:30:00Z"));
    assertThat(onTheDot.end()).isEqualTo(Instant.parse("2026-11-04T12:35:00Z"));
  }

  @Test
  void aRangeIsWidenedToWholeSteps() {
    HistoryWindow range =
        HistoryWindow.parse("2026-11-04T10:07:00Z,2026-11-04T11:52:00+00:00", "15m", NOW);
    assertThat(range.start()).isEqualTo(Instant.parse("2026-11-04T10:00:00Z"));
    assertThat(range.end()).isEqualTo(Instant.parse("2026-11-04T12:00:00Z"));
    assertThat(range.buckets()).isEqualTo(8);
    assertThat(HistoryWindow.parse("2d", "1d", NOW).stepText()).isEqualTo("1d");
  }

  @Test
  void badParametersAreNamed() {
    assertRefused("7", null, "window");
    assertRefused("0h", null, "window");
    assertRefused("32d", null, "window");
    assertRefused("a,b", null, "window");
    assertRefused("2026-11-04T12:00:00Z,2026-11-04T11:00:00Z", null, "window");
    assertRefused("+999999999-01-01T00:00:00Z,+999999999-01-01T01:00:00Z", null, "window");
    assertRefused("24h", "30s", "step");
    assertRefused("24h", "5", "step");
    assertRefused("24h", "99999d", "step");
    assertRefused("31d", "1m", "step");
  }

  private static void assertRefused(String window, String step, String parameter) {
    assertThatThrownBy(() -> HistoryWindow.parse(window, step, NOW))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.getMessage()).startsWith("INVALID_PARAMETER"))
        .satisfies(
            e -> assertThat(((ApiException) e).error().details()).containsExactly(parameter));
  }
}
