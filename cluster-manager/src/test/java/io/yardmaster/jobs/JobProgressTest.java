package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobProgressTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void boundsEveryComposedTextToItsColumn() {
    String huge = "ü=".repeat(2500);

    JobProgress progress =
        JobProgress.queued(huge, NOW).toBuilder()
            .cluster("alpha", huge)
            .app("application_1_0001", "http://ui/" + huge, "http://log/ok")
            .diagnostics(huge.repeat(10))
            .build(NOW);

    assertThat(progress.queueReason()).hasSizeLessThanOrEqualTo(JobProgress.MAX_REASON);
    assertThat(progress.routingReason()).hasSizeLessThanOrEqualTo(JobProgress.MAX_REASON);
    // A URL too long for its column is dropped, not cut into a wrong link.
    assertThat(progress.sparkUiUrl()).isNull();
    assertThat(progress.driverLogUrl()).isEqualTo("http://log/ok");
    assertThat(progress.diagnostics()).hasSize(JobProgress.MAX_DIAGNOSTICS).startsWith("ü=ü=");
  }
}
