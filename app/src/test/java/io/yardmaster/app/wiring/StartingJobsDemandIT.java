package io.yardmaster.app.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.demand.AnnouncedDemand;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.testing.Jobs;
import io.yardmaster.testing.JobsHarness;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The executors the cluster manager announces to the autoscaler: those of jobs whose driver does
 * not run yet, sized as YARN will allocate them, gone once the driver runs. The test runs the
 * passes and moves time itself.
 */
class StartingJobsDemandIT {
  static JobsHarness harness;
  static String token;

  @BeforeAll
  static void start() {
    harness = JobsHarness.driven(Map.of(), List.of());
    token = harness.teamToken("risk");
  }

  @AfterAll
  static void stop() {
    harness.close();
  }

  private String submit(Map<String, Object> body) {
    return (String) harness.post("/api/v1/jobs", token, null, body).body().get("id");
  }

  private Object state(String id) {
    return harness.getJson("/api/v1/jobs/" + id, token).get("state");
  }

  private List<ContainerShape> announced() {
    ClusterConfig alpha =
        harness.context.getBean(ClusterRegistry.class).cluster("alpha").orElseThrow();
    return harness.context.getBean(AnnouncedDemand.class).announced(alpha);
  }

  @Test
  void executorsOfStartingJobsAreAnnouncedUntilTheirDriverRuns() {
    String fixed = submit(Jobs.sparkPi(3));
    String dynamic = submit(dynamicAllocation());
    assertThat(harness.submitPass()).isEqualTo(2);
    assertThat(List.of(state(fixed), state(dynamic))).containsOnly("STARTING");

    // 2 cores and 4g + 409 MB overhead (10 %, rounded down as Spark does) each: 3 from the fixed
    // job, 2 (initial) from the other.
    assertThat(announced()).containsExactly(new ContainerShape(5, 2, 4096 + 409));

    // Time on: both spark-submits end and both drivers run in YARN.
    harness.advance(Duration.ofSeconds(10));
    harness.trackPass();
    assertThat(List.of(state(fixed), state(dynamic))).containsOnly("RUNNING");
    assertThat(announced()).isEmpty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> dynamicAllocation() {
    Map<String, Object> body = Jobs.sparkPi(0);
    Map<String, Object> batch = new HashMap<>((Map<String, Object>) body.get("batch"));
    batch.remove("numExecutors");
    batch.put(
        "conf",
        Map.of(
            "spark.dynamicAllocation.enabled", "true",
            "spark.dynamicAllocation.minExecutors", "1",
            "spark.dynamicAllocation.initialExecutors", "2",
            "spark.dynamicAllocation.maxExecutors", "40"));
    body.put("batch", batch);
    return body;
  }
}
