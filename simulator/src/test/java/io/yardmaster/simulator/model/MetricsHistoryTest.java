package io.yardmaster.simulator.model;

import static io.yardmaster.simulator.model.TestFleets.START;
import static io.yardmaster.simulator.model.TestFleets.job;
import static io.yardmaster.simulator.model.TestFleets.runFor;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {

  @Test
  void samplesHalfAPeriodAfterEachBoundaryAndKeepsTheRetention() {
    Fleet fleet = TestFleets.alpha(0, 0);
    MetricsHistory history =
        new MetricsHistory(fleet, Duration.ofSeconds(10), Duration.ofSeconds(60));
    fleet.cluster("alpha").orElseThrow().submit(job(2, Duration.ofMinutes(5)));

    runFor(fleet, Duration.ofMinutes(2));

    List<MetricsSample> samples = history.samples("alpha", 0, Long.MAX_VALUE);
    assertThat(samples).hasSize(6);
    assertThat(samples).allSatisfy(sample -> assertThat(sample.millis() % 10_000).isEqualTo(5_000));
    MetricsSample latest = history.latest("alpha").orElseThrow();
    assertThat(latest.millis()).isEqualTo(START + 115_000);
    // no node: the driver waits, pending in its queue and in root
    assertThat(latest.metrics().pendingMb()).isEqualTo(4096);
    assertThat(latest.queues())
        .filteredOn(queue -> queue.queue().equals("root.batch"))
        .singleElement()
        .satisfies(queue -> assertThat(queue.pendingContainers()).isEqualTo(1));
    assertThat(history.samples("alpha", START + 100_000, START + 110_000)).hasSize(1);
    assertThat(history.samples("nowhere", 0, Long.MAX_VALUE)).isEmpty();
  }
}
