package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.admission.Routing;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.jobs.policy.ConfPolicies;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.testing.TestClusters;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private final ClusterRegistry registry =
      new ClusterRegistry(
          List.of(
              TestClusters.routed(
                  "alpha", "3.5", List.of("batch", "spark3"), List.of("default", "etl")),
              TestClusters.routed("beta", "3.5", List.of("ml", "spark3"), List.of("default")),
              TestClusters.routed("gamma", "3.4", List.of("batch"), List.of())),
          List.of());

  private final JobPolicy policy = new JobPolicy(registry, new ConfPolicies(registry, List.of()));
  private static final SparkBatch PI =
      new SparkBatch(
          "local:/pi.jar",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  private Routing.Decision decide(JobTarget target, String refusedBy, Routing.Fleet fleet) {
    return Routing.decide(target, policy.candidates(target, PI), refusedBy, fleet);
  }

  private static Routing.Fleet fleet(Set<String> drained, Map<String, String> failing) {
    return new Routing.Fleet(drained, failing, Map.of());
  }

  private static Routing.Load jobs(int active) {
    return new Routing.Load(OptionalDouble.empty(), active);
  }

  private static Routing.Load used(double utilisation, int active) {
    return new Routing.Load(OptionalDouble.of(utilisation), active);
  }

  private static final JobTarget SPARK3 = new JobTarget(null, List.of("spark3"), null, "3.5");

  @Test
  void picksTheClusterItsResourceManagerShowsLeastUsedAndSaysWhy() {
    Routing.Fleet fleet =
        new Routing.Fleet(Set.of(), Map.of(), Map.of("alpha", used(0.2, 40), "beta", used(0.7, 3)));
    Routing.Decision decision = decide(SPARK3, null, fleet);
    // alpha runs more of our jobs but its RM has far more room: metrics win over job counts.
    assertThat(decision.cluster()).contains("alpha");
    assertThat(decision.reason())
        .contains("least loaded of [alpha, beta]")
        .contains("alpha: 20 % in use or starting per its ResourceManager");
  }

  @Test
  void withoutEveryCandidatesMetricsItCountsActiveJobs() {
    Routing.Fleet fleet =
        new Routing.Fleet(Set.of(), Map.of(), Map.of("alpha", used(0.1, 7), "beta", jobs(2)));
    Routing.Decision decision = decide(SPARK3, null, fleet);
    assertThat(decision.cluster()).contains("beta");
    assertThat(decision.reason()).contains("beta: 2 active jobs").doesNotContain("ResourceManager");
  }

  @Test
  void aClusterThatRefusedTheJobIsTriedLastAndTheReasonSaysSo() {
    Routing.Fleet fleet =
        new Routing.Fleet(Set.of(), Map.of(), Map.of("alpha", used(0.1, 0), "beta", used(0.9, 0)));
    Routing.Decision decision = decide(SPARK3, "alpha", fleet);
    assertThat(decision.cluster()).contains("beta");
    assertThat(decision.reason()).startsWith("re-routed: alpha refused it before its app started");
    // The only matching cluster is retried: waiting for it beats never running.
    JobTarget gammaOnly = new JobTarget(null, List.of("batch"), null, "3.4");
    assertThat(decide(gammaOnly, "gamma", fleet).cluster()).contains("gamma");
    // A named cluster is never swapped for another.
    JobTarget named = new JobTarget("alpha", List.of(), null, null);
    assertThat(decide(named, "alpha", fleet).cluster()).contains("alpha");
  }

  @Test
  void aQueueLimitsTheCandidatesToClustersThatHaveItOrListNone() {
    assertThat(policy.candidates(new JobTarget(null, List.of(), "etl", null), PI))
        .extracting(ClusterConfig::name)
        .containsExactly("alpha", "gamma");
    assertThat(policy.candidates(new JobTarget(null, List.of("spark3"), "ml", null), PI)).isEmpty();
  }

  @Test
  void skipsDrainedAndFailingClustersAndWaitsWhenNoneIsLeft() {
    JobTarget batch = new JobTarget(null, List.of("batch"), null, null);
    Routing.Fleet alphaDrained =
        new Routing.Fleet(Set.of("alpha"), Map.of(), Map.of("gamma", jobs(50)));
    assertThat(decide(batch, null, alphaDrained).cluster()).contains("gamma");
    Routing.Decision none =
        decide(batch, null, fleet(Set.of("alpha"), Map.of("gamma", "Livy refused")));
    assertThat(none.cluster()).isEmpty();
    assertThat(none.reason()).contains("alpha is drained").contains("gamma is failing");
  }

  @Test
  void aNamedClusterIsUsedOrWaitedFor() {
    JobTarget named = new JobTarget("gamma", List.of(), null, null);
    assertThat(decide(named, null, fleet(Set.of(), Map.of())).reason())
        .isEqualTo("named in the request");
    assertThat(decide(named, null, fleet(Set.of("gamma"), Map.of())).cluster()).isEmpty();
  }
}
