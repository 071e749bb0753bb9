package io.yardmaster.clusters;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.testing.Databases;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The migrations and the repository on both databases Yardmaster supports. */
class ClusterStateRepositoryIT {
  static Iterable<Map<String, Object>> databases() {
    return Databases.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void storesAndUpdatesClusterState(Map<String, Object> database) {
    try (ApplicationContext context = ApplicationContext.run(database, "test")) {
      ClusterStateRepository repository = context.getBean(ClusterStateRepository.class);
      repository.deleteAll();
      Instant at = Instant.parse("2026-11-21T10:15:30Z");
      repository.save(new ClusterState("alpha", true, "kernel upgrade", "ops", at));
      assertThat(repository.findById("alpha"))
          .hasValueSatisfying(
              state -> {
                assertThat(state.drained()).isTrue();
                assertThat(state.reason()).isEqualTo("kernel upgrade");
                assertThat(state.changedAt().truncatedTo(ChronoUnit.SECONDS)).isEqualTo(at);
              });
      repository.update(new ClusterState("alpha", false, null, "ops", at.plusSeconds(60)));
      assertThat(repository.findById("alpha").orElseThrow().drained()).isFalse();
      assertThat(repository.count()).isEqualTo(1);
    }
  }
}
