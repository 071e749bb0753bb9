package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobRequestValidatorTest {
  @Test
  void readsSparkMemorySizesInMegabytes() {
    assertThat(JobRequestValidator.megabytes("512m")).contains(512L);
    assertThat(JobRequestValidator.megabytes("4g")).contains(4096L);
    assertThat(JobRequestValidator.megabytes("4G")).contains(4096L);
    assertThat(JobRequestValidator.megabytes("2048")).contains(2048L);
    assertThat(JobRequestValidator.megabytes("1t")).contains(1024L * 1024);
    assertThat(JobRequestValidator.megabytes("lots")).isEmpty();
  }

  @Test
  void deniesConfThatWouldMoveOrImpersonateTheJob() {
    assertThat(ConfPolicy.denied("spark.master")).isTrue();
    assertThat(ConfPolicy.denied("spark.submit.deployMode")).isTrue();
    assertThat(ConfPolicy.denied("spark.kerberos.access.hadoopFileSystems")).isTrue();
    assertThat(ConfPolicy.denied("spark.yarn.tags")).isTrue();
    assertThat(ConfPolicy.denied("spark.executor.memoryOverhead")).isFalse();
  }

  @Test
  void parsesWaitDurations() {
    assertThat(JobController.parseWait("30s").toSeconds()).isEqualTo(30);
    assertThat(JobController.parseWait("15").toSeconds()).isEqualTo(15);
    assertThat(JobController.parseWait("500ms").toMillis()).isEqualTo(500);
    assertThat(JobController.parseWait(null).isZero()).isTrue();
  }
}
