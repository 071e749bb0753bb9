package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.jobs.api.JobLabels;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobTagsTest {
  @Test
  void tagsAreLowerCaseAsciiWithoutCommasAndWithinYarnLimits() {
    List<String> tags =
        JobTags.of(
            "3F2A",
            "Risk",
            new JobLabels("Daily Risk,EU", "tâche", "manual__2026-11-21T10:00:00+00:00", 3, 1));
    assertThat(tags)
        .containsExactly(
            "ym-job-3f2a",
            "ym-team-risk",
            "ym-dag-daily_risk_eu",
            "ym-task-t_che",
            "ym-run-manual__2026-11-21t10:00:00+00:00");
  }

  @Test
  void aValueTooLongIsCutWithAHashSoTwoLongValuesStayDistinct() {
    String a = JobTags.sanitise("ym-dag-" + "x".repeat(150) + "a");
    String b = JobTags.sanitise("ym-dag-" + "x".repeat(150) + "b");
    assertThat(a).hasSize(JobTags.MAX_LENGTH).startsWith("ym-dag-xxx");
    assertThat(b).hasSize(JobTags.MAX_LENGTH);
    assertThat(a).isNotEqualTo(b);
  }

  @Test
  void missingLabelsAreLeftOut() {
    assertThat(JobTags.of("id", "team", JobLabels.NONE))
        .containsExactly("ym-job-id", "ym-team-team");
  }
}
