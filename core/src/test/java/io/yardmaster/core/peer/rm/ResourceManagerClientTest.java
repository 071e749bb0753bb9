package io.yardmaster.core.peer.rm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.peer.LocalHttpServer;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.registry.ClusterConfig;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The typed ResourceManager client against a local server answering as YARN 3.3 does. */
class ResourceManagerClientTest {
  private final ApplicationContext context = ApplicationContext.run();
  private final LocalHttpServer server = new LocalHttpServer();
  private final ResourceManagerClient rm = context.getBean(ResourceManagerClient.class);
  private final ClusterConfig alpha =
      new ClusterConfig(
          "alpha",
          server.base().resolve("/sim/alpha/livy"),
          server.base().resolve("/sim/alpha/rm/"),
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null);

  @AfterEach
  void close() {
    server.close();
    context.close();
  }

  @Test
  void readsTheClusterMetricsLeavingOutWhatItDoesNotName() {
    server.answer(
        "/sim/alpha/rm/ws/v1/cluster/metrics",
        200,
        """
        {"clusterMetrics":{"appsSubmitted":3,"appsPending":2,"reservedMB":1024,"availableMB":6144,
         "allocatedMB":8192,"pendingMB":4096,"reservedVirtualCores":1,"availableVirtualCores":6,
         "allocatedVirtualCores":8,"pendingVirtualCores":4,"containersPending":4,
         "totalMB":16384,"totalVirtualCores":16,"activeNodes":2,"lostNodes":0}}
        """);

    RmClusterMetrics metrics = rm.metrics(alpha);

    assertThat(metrics)
        .isEqualTo(new RmClusterMetrics(2, 8192, 1024, 6144, 4096, 16384, 8, 1, 6, 4, 16, 4, 2));
  }

  @Test
  void aMissingFieldReadsAsZero() {
    server.answer(
        "/sim/alpha/rm/ws/v1/cluster/metrics", 200, "{\"clusterMetrics\":{\"totalMB\":10}}");

    RmClusterMetrics metrics = rm.metrics(alpha);

    assertThat(metrics.totalMb()).isEqualTo(10);
    assertThat(metrics.pendingMb()).isZero();
    assertThat(metrics.activeNodes()).isZero();
  }

  @Test
  void metricsWithoutTheirObjectAreTransient() {
    server.answer("/sim/alpha/rm/ws/v1/cluster/metrics", 200, "{}");

    assertThatThrownBy(() -> rm.metrics(alpha))
        .isInstanceOf(PeerException.Transient.class)
        .hasMessageContaining("alpha's ResourceManager")
        .hasMessageContaining("no clusterMetrics");
  }

  @Test
  void readsEveryNodeInAnyState() {
    server.answer(
        "/sim/alpha/rm/ws/v1/cluster/nodes",
        200,
        """
        {"nodes":{"node":[
          {"id":"n1:45454","nodeHostName":"n1.example.com","state":"RUNNING","numContainers":2,
           "usedVirtualCores":3,"usedMemoryMB":4096,"availableVirtualCores":5,"availMemoryMB":2048,
           "nodeHTTPAddress":"n1.example.com:8042","rack":"/default-rack"},
          {"id":"n2:45454","nodeHostName":"n2","state":"DECOMMISSIONED"}]}}
        """);

    List<RmNode> nodes = rm.nodes(alpha);

    assertThat(nodes)
        .containsExactly(
            new RmNode(
                "n1:45454",
                "n1.example.com",
                "RUNNING",
                2,
                3,
                4096,
                5,
                2048,
                "n1.example.com:8042"),
            new RmNode("n2:45454", "n2", "DECOMMISSIONED", 0, 0, 0, 0, 0, null));
    assertThat(server.received().get(0).query())
        .isEqualTo("states=" + ResourceManagerClient.ALL_STATES);
  }

  @Test
  void noNodesMayComeAsNullOrEmpty() {
    server.answer("/sim/alpha/rm/ws/v1/cluster/nodes", 200, "{\"nodes\":null}");
    assertThat(rm.nodes(alpha)).isEmpty();
  }

  @Test
  void aNodeWithoutIdDoesNotRead() {
    server.answer(
        "/sim/alpha/rm/ws/v1/cluster/nodes",
        200,
        "{\"nodes\":{\"node\":[{\"state\":\"RUNNING\"}]}}");

    assertThatThrownBy(() -> rm.nodes(alpha)).isInstanceOf(PeerException.Transient.class);
  }

  @Test
  void readsTheApplicationsByTagAndKillsOne() {
    server.answer(
        "/sim/alpha/rm/ws/v1/cluster/apps",
        200,
        """
        {"apps":{"app":[{"id":"application_1_0001","state":"RUNNING","finalStatus":"UNDEFINED",
          "applicationTags":"ym-job-1, team-a","trackingUrl":"http://rm/proxy/1"}]}}
        """);
    server.answer("/sim/alpha/rm/ws/v1/cluster/apps/application_1_0001/state", 200, "{}");

    List<RmApplication> apps = rm.applicationsTagged(alpha, List.of("ym-job-1", "ym-job-2"));
    rm.kill(alpha, "application_1_0001");

    assertThat(apps)
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app.id()).isEqualTo("application_1_0001");
              assertThat(app.tags()).containsExactly("ym-job-1", "team-a");
            });
    assertThat(server.received().get(0).query()).isEqualTo("applicationTags=ym-job-1%2Cym-job-2");
    assertThat(server.received().get(1).method()).isEqualTo("PUT");
    assertThat(server.received().get(1).body()).isEqualTo("{\"state\":\"KILLED\"}");
  }

  @Test
  void noApplicationsComeAsNull() {
    server.answer("/sim/alpha/rm/ws/v1/cluster/apps", 200, "{\"apps\":null}");
    assertThat(rm.applicationsTagged(alpha, List.of("x"))).isEmpty();
  }
}
