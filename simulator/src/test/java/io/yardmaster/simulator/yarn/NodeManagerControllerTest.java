package io.yardmaster.simulator.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.yardmaster.simulator.EmulatorTestServer;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.ContainerKind;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Each simulated node's NodeManager REST API, where the RM emulator's nodeHTTPAddress points. */
@MicronautTest(propertySources = "classpath:simulator-test.yml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeManagerControllerTest implements TestPropertyProvider {
  private static final Argument<Map<String, Object>> JSON =
      Argument.mapOf(String.class, Object.class);

  private final int port = EmulatorTestServer.freePort();

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SimulatedFleet simulated;

  @Override
  public Map<String, String> getProperties() {
    return EmulatorTestServer.properties(port);
  }

  private Map<String, Object> get(String uri) {
    return http.toBlocking().retrieve(HttpRequest.GET(uri), JSON);
  }

  private HttpClientResponseException error(String uri) {
    BlockingHttpClient client = http.toBlocking();
    try {
      client.exchange(HttpRequest.GET(uri), JSON);
    } catch (HttpClientResponseException e) {
      return e;
    }
    throw new AssertionError("expected an error status for " + uri);
  }

  @SuppressWarnings("unchecked")
  private String nodeHttpAddress(String nodeId) {
    Map<String, Object> node =
        (Map<String, Object>) get("/sim/alpha/rm/ws/v1/cluster/nodes/" + nodeId).get("node");
    return (String) node.get("nodeHTTPAddress");
  }

  /** GET http://<nodeHTTPAddress>/ws/v1/node/apps, as a client of the RM would. */
  private Map<String, Object> apps(String address, String query) {
    assertThat(address).startsWith("localhost:" + port + "/");
    return get(address.substring(address.indexOf('/')) + "/ws/v1/node/apps" + query);
  }

  private String state(SimulatedNode node) {
    String name = simulated.fleet().locked(() -> node.state().name());
    return name;
  }

  @Test
  void aNodeListsTheRunningAppsItHostsWithOrWithoutContainers() {
    SimulatedCluster alpha = simulated.fleet().cluster("alpha").orElseThrow();
    String idle = nodeHttpAddress("alpha-spot000000:8041");
    assertThat(idle).isEqualTo("localhost:" + port + "/sim/alpha/nm/alpha-spot000000");
    assertThat(apps(idle, "?state=RUNNING")).isEqualTo(Map.of("apps", Map.of()));

    // Two executors of 100 GB cannot share a 112 GB NodeManager.
    SimulatedApplication app =
        alpha.submit(
            new ApplicationSpec(
                "shuffler",
                "alice",
                "root.default",
                List.of(),
                new Resources(2048, 1),
                new Resources(102400, 2),
                2,
                Duration.ofHours(2),
                null));
    http.toBlocking().exchange(HttpRequest.POST("/sim/clock/skip?seconds=10", ""));
    SimulatedContainer executor =
        simulated
            .fleet()
            .locked(
                () ->
                    alpha.nodes().stream()
                        .filter(node -> node.numContainers() == 1)
                        .flatMap(node -> node.containers().stream())
                        .filter(container -> container.kind() == ContainerKind.EXECUTOR)
                        .findFirst()
                        .orElseThrow());
    SimulatedNode node = executor.node();
    String address = nodeHttpAddress(node.id());

    assertThat(apps(address, "?state=RUNNING"))
        .isEqualTo(
            Map.of(
                "apps",
                Map.of(
                    "app",
                    List.of(
                        Map.of(
                            "id",
                            app.id(),
                            "state",
                            "RUNNING",
                            "user",
                            "alice",
                            "containerids",
                            List.of(executor.id()))))));

    assertThat(alpha.releaseExecutor(executor.id())).isTrue();

    assertThat(apps(address, ""))
        .isEqualTo(
            Map.of(
                "apps",
                Map.of(
                    "app", List.of(Map.of("id", app.id(), "state", "RUNNING", "user", "alice")))));
    assertThat(apps(address, "?state=FINISHED")).isEqualTo(Map.of("apps", Map.of()));
    assertThat(apps(address, "?user=bob")).isEqualTo(Map.of("apps", Map.of()));
    HttpClientResponseException lowerCase =
        error(address.substring(address.indexOf('/')) + "/ws/v1/node/apps?state=running");
    assertThat(lowerCase.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(lowerCase.getResponse().getBody(JSON).orElseThrow()).containsKey("RemoteException");

    // Draining waits for the application as YARN's graceful decommission does (WAIT_APP).
    assertThat(alpha.decommission(node.hostName())).isTrue();
    assertThat(state(node)).isEqualTo("DECOMMISSIONING");

    alpha.kill(app.id());
    http.toBlocking().exchange(HttpRequest.POST("/sim/clock/skip?seconds=10", ""));
    assertThat(state(node)).isEqualTo("DECOMMISSIONED");
    assertThat(
            error(address.substring(address.indexOf('/')) + "/ws/v1/node/apps")
                .getStatus()
                .getCode())
        .as("a decommissioned NodeManager has shut down")
        .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.getCode());
    assertThat(error("/sim/alpha/nm/nope/ws/v1/node/apps").getStatus().getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }
}
