package io.yardmaster.simulator.contract;

import static io.yardmaster.simulator.contract.JsonHttp.fieldNames;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.BAD_REQUEST;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.assertRemoteException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The NodeManager REST API ({@code /ws/v1/node/apps}) at each node's {@code nodeHTTPAddress} as the
 * ResourceManager reports it, run against real NodeManagers and against the simulator's emulator:
 * the answer with and without applications, the app's fields, the filters' errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class NodeManagerContract {
  final JsonHttp http = new JsonHttp();
  NodeManagerTarget target;
  String app;
  URI hosting;
  URI other;

  abstract NodeManagerTarget openTarget();

  @BeforeAll
  void startTargetWithAnApp() {
    target = openTarget();
    app = target.startAppWithContainer();
    List<URI> nodes = nodeManagers();
    assertThat(nodes).hasSizeGreaterThanOrEqualTo(2);
    hosting =
        await("a NodeManager lists " + app)
            .atMost(Duration.ofSeconds(60))
            .until(
                () ->
                    nodes.stream()
                        .filter(node -> ids(apps(node, "?state=RUNNING")).contains(app))
                        .findFirst()
                        .orElse(null),
                node -> node != null);
    other = nodes.stream().filter(node -> !node.equals(hosting)).findFirst().orElseThrow();
  }

  @AfterAll
  void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void aNodeWithoutApplicationsAnswersAnEmptyObject() {
    JsonHttp.Reply reply = http.get(appsUri(other, "?state=RUNNING"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().toString()).isEqualTo("{\"apps\":{}}");
  }

  @Test
  void theHostingNodeListsTheRunningAppWithItsContainers() {
    List<JsonNode> apps = apps(hosting, "?state=RUNNING");
    JsonNode entry =
        apps.stream().filter(each -> each.get("id").asText().equals(app)).findFirst().orElseThrow();
    assertThat(fieldNames(entry)).containsExactlyInAnyOrder("id", "state", "user", "containerids");
    assertThat(entry.get("state").asText()).isEqualTo("RUNNING");
    assertThat(entry.get("containerids").isArray()).isTrue();
    assertThat(entry.get("containerids").get(0).asText()).startsWith("container_");
  }

  @Test
  void stateAndUserFilter() {
    assertThat(ids(apps(hosting, "?state=FINISHED"))).doesNotContain(app);
    assertThat(ids(apps(hosting, "?user=nobody-at-all"))).isEmpty();
    assertThat(ids(apps(hosting, ""))).contains(app);
  }

  @Test
  void anUnknownStateIsABadRequestWhereAnApplicationRuns() {
    JsonHttp.Reply reply = http.get(appsUri(hosting, "?state=running"));
    assertRemoteException(
        reply, 400, "IllegalArgumentException", "java.lang.IllegalArgumentException");
    assertThat(reply.json().get("RemoteException").get("message").asText())
        .isEqualTo(
            "No enum constant org.apache.hadoop.yarn.server.nodemanager.containermanager"
                + ".application.ApplicationState.running");
    assertThat(http.get(appsUri(other, "?state=running")).status())
        .as("checked per application: a node without any answers 200")
        .isEqualTo(200);
  }

  @Test
  void anEmptyUserIsABadRequestWhereAnApplicationRuns() {
    JsonHttp.Reply reply = http.get(appsUri(hosting, "?user="));
    assertRemoteException(reply, 400, "BadRequestException", BAD_REQUEST);
    assertThat(reply.json().get("RemoteException").get("message").asText())
        .isEqualTo("java.lang.Exception: Error: You must specify a non-empty string for the user");
  }

  /** Each node's NodeManager base, from the RM's {@code nodeHTTPAddress}. */
  private List<URI> nodeManagers() {
    JsonHttp.Reply reply = http.get(target.resourceManager().resolve("ws/v1/cluster/nodes"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<URI> nodes = new ArrayList<>();
    for (JsonNode node : reply.json().get("nodes").get("node")) {
      nodes.add(URI.create("http://" + node.get("nodeHTTPAddress").asText() + "/"));
    }
    return nodes;
  }

  private static URI appsUri(URI node, String query) {
    return node.resolve("ws/v1/node/apps" + query);
  }

  private List<JsonNode> apps(URI node, String query) {
    JsonHttp.Reply reply = http.get(appsUri(node, query));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("apps");
    List<JsonNode> list = new ArrayList<>();
    JsonNode apps = reply.json().get("apps");
    if (!apps.isEmpty()) {
      assertThat(fieldNames(apps)).containsExactly("app");
      apps.get("app").forEach(list::add);
    }
    return list;
  }

  private static List<String> ids(List<JsonNode> apps) {
    return apps.stream().map(each -> each.get("id").asText()).toList();
  }
}
