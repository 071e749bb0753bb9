package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.YarnNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NodeManagerReadsTest {
  private static YarnNode empty(String host) {
    return new YarnNode(host + ":8041", host, "RUNNING", 0, 0, 0, 8, 32768, host + ":8042");
  }

  @Test
  void aHungOrFailingNodeManagerCountsAsUnreadableAndTheOthersAreRead() {
    CountDownLatch never = new CountDownLatch(1);
    NodeManagerApps apps =
        node ->
            switch (node.hostName()) {
              case "hung" -> {
                try {
                  never.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                yield List.of();
              }
              case "down" -> throw TestPeers.refusedNodeManager("down");
              case "shuffle" -> List.of("application_1_0001", "application_1_0002");
              default -> List.of();
            };

    Map<String, Integer> counts =
        NodeManagerReads.runningApplications(
            apps,
            List.of(empty("hung"), empty("down"), empty("shuffle"), empty("clean")),
            Duration.ofMillis(300));

    assertThat(counts)
        .containsEntry("hung:8041", PoolObservation.UNREADABLE)
        .containsEntry("down:8041", PoolObservation.UNREADABLE)
        .containsEntry("shuffle:8041", 2)
        .containsEntry("clean:8041", 0);
  }

  @Test
  void readsRunTogether() {
    // Each read waits until all of them have started: one at a time, the first would wait in vain
    // and the budget would run out.
    int count = NodeManagerReads.THREADS;
    CountDownLatch started = new CountDownLatch(count);
    NodeManagerApps apps =
        node -> {
          started.countDown();
          try {
            return started.await(10, TimeUnit.SECONDS) ? List.of() : List.of("timed-out");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
          }
        };
    List<YarnNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      nodes.add(empty("n" + i));
    }

    Map<String, Integer> counts =
        NodeManagerReads.runningApplications(apps, nodes, Duration.ofSeconds(5));

    assertThat(counts).hasSize(count).allSatisfy((node, running) -> assertThat(running).isZero());
  }
}
