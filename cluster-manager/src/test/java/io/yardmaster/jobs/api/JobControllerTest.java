package io.yardmaster.jobs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.web.errors.ApiException;
import org.junit.jupiter.api.Test;

class JobControllerTest {
  @Test
  void parsesWaitDurationsUpToAMinute() {
    assertThat(JobController.parseWait("30s").toSeconds()).isEqualTo(30);
    assertThat(JobController.parseWait("15").toSeconds()).isEqualTo(15);
    assertThat(JobController.parseWait("500ms").toMillis()).isEqualTo(500);
    assertThat(JobController.parseWait(null).isZero()).isTrue();
    assertThatThrownBy(() -> JobController.parseWait("61s")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> JobController.parseWait("-1s")).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> JobController.parseWait("9223372036854775807"))
        .isInstanceOf(ApiException.class);
  }
}
