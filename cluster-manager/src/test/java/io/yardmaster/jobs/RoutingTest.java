package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTest {
  private final ClusterRegistry registry =
      new ClusterRegistry(
          List.of(
              cluster("alpha", "3.5", List.of("batch", "spark3")),
              cluster("beta", "3.5", List.of("ml", "spark3")),
              cluster("gamma", "3.4", List.of("batch"))),
          List.of());

  private static ClusterConfig cluster(String name, String version, List<String> tags) {
    return new ClusterConfig(
        name,
        URI.create("http://livy-" + name + ":8998"),
        URI.create("http://rm-" + name + ":8088"),
        null,
        null,
        version,
        tags,
        null,
        null);
  }

  @Test
  void picksTheLeastLoadedClusterWithTheTagsAndVersionAndSaysWhy() {
    Routing.Decision decision =
        Routing.decide(
            registry,
            new JobTarget(null, List.of("spark3"), null, "3.5"),
            Set.of(),
            Map.of(),
            Map.of("alpha", 7, "beta", 2));
    assertThat(decision.cluster()).contains("beta");
    assertThat(decision.reason()).contains("least loaded of [alpha, beta]").contains("2 active");
  }

  @Test
  void skipsDrainedAndFailingClustersAndWaitsWhenNoneIsLeft() {
    JobTarget batch = new JobTarget(null, List.of("batch"), null, null);
    assertThat(
            Routing.decide(registry, batch, Set.of("alpha"), Map.of(), Map.of("gamma", 50))
                .cluster())
        .contains("gamma");
    Routing.Decision none =
        Routing.decide(registry, batch, Set.of("alpha"), Map.of("gamma", "Livy refused"), Map.of());
    assertThat(none.cluster()).isEmpty();
    assertThat(none.reason()).contains("alpha is drained").contains("gamma is failing");
  }

  @Test
  void aNamedClusterIsUsedOrWaitedFor() {
    JobTarget named = new JobTarget("gamma", List.of(), null, null);
    assertThat(Routing.decide(registry, named, Set.of(), Map.of(), Map.of()).reason())
        .isEqualTo("named in the request");
    assertThat(Routing.decide(registry, named, Set.of("gamma"), Map.of(), Map.of()).cluster())
        .isEmpty();
  }
}
