package io.yardmaster.simulator.contract;

import static io.yardmaster.simulator.contract.JsonHttp.fieldNames;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.APP_STATES;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.BAD_REQUEST;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.FINAL_STATUSES;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.NOT_FOUND;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.assertRemoteException;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.newTag;
import static io.yardmaster.simulator.contract.ResourceManagerAssertions.stateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The YARN ResourceManager REST API as Yardmaster uses it, run against a real ResourceManager and
 * against the simulator's emulator: status codes, field names, state names and error bodies must
 * agree.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ResourceManagerContract {

  final JsonHttp http = new JsonHttp();
  ResourceManagerTarget target;
  String tag;
  String runningApp;
  String finishedApp;
  String failedApp;

  /** Starts (or connects to) the ResourceManager under test; closed after the class. */
  abstract ResourceManagerTarget openTarget();

  @BeforeAll
  void startTargetWithApps() {
    target = openTarget();
    tag = newTag();
    runningApp = target.startRunningApp(tag);
    finishedApp = target.runFinishedApp(tag);
    failedApp = target.runFailedApp(tag);
  }

  @AfterAll
  void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  @Test
  void clusterInfoHasTheRealFields() {
    JsonHttp.Reply reply = http.get(cluster("/info"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("clusterInfo");
    JsonNode info = reply.json().get("clusterInfo");
    assertFields(
        info, ResourceManagerFields.CLUSTER_INFO, ResourceManagerFields.CLUSTER_INFO_REQUIRED);
    assertThat(info.get("state").asText()).isEqualTo("STARTED");
    assertThat(info.get("haState").asText()).isEqualTo("ACTIVE");
    assertThat(info.get("startedOn").isNumber()).isTrue();
  }

  @Test
  void clusterMetricsHaveTheRealFields() {
    JsonHttp.Reply reply = http.get(cluster("/metrics"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("clusterMetrics");
    JsonNode metrics = reply.json().get("clusterMetrics");
    assertFields(
        metrics,
        ResourceManagerFields.CLUSTER_METRICS,
        ResourceManagerFields.CLUSTER_METRICS_REQUIRED);
    for (String field : ResourceManagerFields.CLUSTER_METRICS_REQUIRED) {
      assertThat(metrics.get(field).isIntegralNumber()).as(field).isTrue();
    }
    assertThat(metrics.get("activeNodes").asInt()).isPositive();
    assertThat(metrics.get("appsSubmitted").asInt()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void nodesAreListedUnderNodesNode() {
    JsonHttp.Reply reply = http.get(cluster("/nodes"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("nodes");
    assertThat(fieldNames(reply.json().get("nodes"))).containsExactly("node");
    JsonNode nodes = reply.json().get("nodes").get("node");
    assertThat(nodes.isArray()).isTrue();
    assertThat(nodes.size()).isPositive();
    for (JsonNode node : nodes) {
      assertFields(node, ResourceManagerFields.NODE, ResourceManagerFields.NODE_REQUIRED);
      assertThat(node.get("state").asText()).isEqualTo("RUNNING");
    }
  }

  @Test
  void noMatchingNodeIsAnEmptyObject() {
    JsonHttp.Reply reply = http.get(cluster("/nodes?states=DECOMMISSIONED"));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().toString()).isEqualTo("{\"nodes\":{}}");
  }

  @Test
  void appsCarryTheRealFieldsStatesAndTags() {
    List<JsonNode> apps = apps("?applicationTags=" + tag);
    assertThat(apps)
        .extracting(app -> app.get("id").asText())
        .containsExactlyInAnyOrder(runningApp, finishedApp, failedApp);
    for (JsonNode app : apps) {
      assertFields(app, ResourceManagerFields.APP, ResourceManagerFields.APP_REQUIRED);
      assertThat(app.get("applicationTags").isTextual())
          .as("tags are one comma-separated string")
          .isTrue();
      assertThat(app.get("applicationTags").asText().split(",")).contains(tag);
      assertThat(APP_STATES).contains(app.get("state").asText());
      assertThat(FINAL_STATUSES).contains(app.get("finalStatus").asText());
      assertThat(app.get("memorySeconds").isIntegralNumber()).isTrue();
      assertThat(app.get("vcoreSeconds").isIntegralNumber()).isTrue();
      assertThat(app.get("startedTime").asLong()).isPositive();
    }
    assertThat(stateOf(apps, runningApp)).containsExactly("RUNNING", "UNDEFINED");
    assertThat(stateOf(apps, finishedApp)).containsExactly("FINISHED", "SUCCEEDED");
    assertThat(stateOf(apps, failedApp)).containsExactly("FINISHED", "FAILED");
    JsonNode finished = app(finishedApp);
    assertThat(finished.get("finishedTime").asLong())
        .isGreaterThanOrEqualTo(finished.get("startedTime").asLong());
    assertThat(app(runningApp).get("finishedTime").asLong()).isZero();
    assertThat(app(failedApp).get("diagnostics").asText()).isNotBlank();
  }

  @Test
  void appsFilterByStates() {
    assertThat(ids("?applicationTags=" + tag + "&states=RUNNING")).containsExactly(runningApp);
    assertThat(ids("?applicationTags=" + tag + "&states=FINISHED"))
        .containsExactlyInAnyOrder(finishedApp, failedApp);
    assertThat(ids("?applicationTags=" + tag + "&states=RUNNING,FINISHED"))
        .containsExactlyInAnyOrder(runningApp, finishedApp, failedApp);
    assertThat(ids("?applicationTags=" + tag + "&states=FAILED,KILLED")).isEmpty();
  }

  @Test
  void stateFiltersIgnoreCase() {
    assertThat(ids("?applicationTags=" + tag + "&states=running")).containsExactly(runningApp);
  }

  @Test
  void appsFilterByFinishedTimeBegin() {
    long finishedTime = app(finishedApp).get("finishedTime").asLong();
    long failedTime = app(failedApp).get("finishedTime").asLong();
    String byTag = "?applicationTags=" + tag + "&finishedTimeBegin=";
    assertThat(ids(byTag + finishedTime)).contains(finishedApp).doesNotContain(runningApp);
    assertThat(ids(byTag + (Math.max(finishedTime, failedTime) + 1))).isEmpty();
  }

  @Test
  void noMatchingAppIsAnEmptyObject() {
    JsonHttp.Reply reply = http.get(cluster("/apps?applicationTags=" + newTag()));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(reply.json().toString()).isEqualTo("{\"apps\":{}}");
  }

  @Test
  void appStateIsReadAndKilled() {
    String app = target.startRunningApp(newTag());
    URI state = cluster("/apps/" + app + "/state");
    JsonHttp.Reply running = http.get(state);
    assertThat(running.status()).as("%s", running).isEqualTo(200);
    assertThat(running.json().toString()).isEqualTo("{\"state\":\"RUNNING\"}");

    JsonHttp.Reply kill = http.put(state, "{\"state\":\"KILLED\"}");
    assertThat(kill.status()).as("%s", kill).isIn(200, 202);
    assertThat(fieldNames(kill.json())).containsExactly("state");
    // The reply names the ResourceManager's internal app state (RMAppState), e.g. FINAL_SAVING.
    assertThat(kill.json().get("state").asText())
        .as("%s", kill)
        .isIn("RUNNING", "FINAL_SAVING", "KILLING", "KILLED");
    await("app killed")
        .atMost(Duration.ofSeconds(30))
        .until(() -> http.get(state).json().get("state").asText().equals("KILLED"));
    assertThat(stateOf(List.of(app(app)), app)).containsExactly("KILLED", "KILLED");

    JsonHttp.Reply again = http.put(state, "{\"state\":\"KILLED\"}");
    assertThat(again.status()).as("%s", again).isEqualTo(200);
    assertThat(again.json().toString()).isEqualTo("{\"state\":\"KILLED\"}");
  }

  @Test
  void onlyKilledIsATargetState() {
    URI state = cluster("/apps/" + finishedApp + "/state");
    JsonHttp.Reply reply = http.put(state, "{\"state\":\"RUNNING\"}");
    assertRemoteException(reply, 400, "BadRequestException", BAD_REQUEST);
    assertThat(reply.json().get("RemoteException").get("message").asText())
        .isEqualTo("java.lang.Exception: Only 'KILLED' is allowed as a target state.");
    JsonHttp.Reply same =
        http.put(cluster("/apps/" + runningApp + "/state"), "{\"state\":\"RUNNING\"}");
    assertThat(same.status()).as("the current state is echoed: %s", same).isEqualTo(200);
    assertThat(same.json().toString()).isEqualTo("{\"state\":\"RUNNING\"}");
  }

  @Test
  void unknownAppIsNotFound() {
    String unknown = "application_1_0001";
    String message = "java.lang.Exception: app with id: " + unknown + " not found";
    for (JsonHttp.Reply reply :
        List.of(
            http.get(cluster("/apps/" + unknown)),
            http.get(cluster("/apps/" + unknown + "/state")),
            http.put(cluster("/apps/" + unknown + "/state"), "{\"state\":\"KILLED\"}"))) {
      assertRemoteException(reply, 404, "NotFoundException", NOT_FOUND);
      assertThat(reply.json().get("RemoteException").get("message").asText()).isEqualTo(message);
    }
  }

  @Test
  void malformedRequestsAreBadRequests() {
    assertBadRequest(
        "/apps/bogus",
        "java.lang.IllegalArgumentException: Invalid ApplicationId prefix: bogus. The valid"
            + " ApplicationId should start with prefix application");
    assertBadRequest(
        "/apps?states=bogus",
        "java.lang.Exception: Invalid application-state bogus specified. It should be one of [NEW,"
            + " NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING, FINISHED, FAILED, KILLED]");
    assertBadRequest(
        "/apps?finishedTimeBegin=abc",
        "java.lang.Exception: finishedTimeBegin value must be a number!");
    assertBadRequest("/apps?limit=abc", "java.lang.Exception: limit value must be a number!");
  }

  @Test
  void aNegativeTimeIsABadRequest() {
    // sic: Hadoop names the parameter finishTimeBegin in this message
    assertBadRequest(
        "/apps?finishedTimeBegin=-5",
        "java.lang.Exception: finishTimeBegin must be greater than 0");
  }

  @Test
  void anUnknownNodeStateIsABadRequest() {
    JsonHttp.Reply reply = http.get(cluster("/nodes?states=bogus"));
    assertRemoteException(
        reply, 400, "IllegalArgumentException", "java.lang.IllegalArgumentException");
    assertThat(reply.json().get("RemoteException").get("message").asText())
        .isEqualTo("No enum constant org.apache.hadoop.yarn.api.records.NodeState.BOGUS");
  }

  private void assertBadRequest(String path, String message) {
    JsonHttp.Reply reply = http.get(cluster(path));
    assertRemoteException(reply, 400, "BadRequestException", BAD_REQUEST);
    assertThat(reply.json().get("RemoteException").get("message").asText())
        .as(path)
        .isEqualTo(message);
  }

  private URI cluster(String path) {
    return target.root().resolve("ws/v1/cluster" + path);
  }

  private JsonNode app(String id) {
    JsonHttp.Reply reply = http.get(cluster("/apps/" + id));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("app");
    return reply.json().get("app");
  }

  private List<JsonNode> apps(String query) {
    JsonHttp.Reply reply = http.get(cluster("/apps" + query));
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    assertThat(fieldNames(reply.json())).containsExactly("apps");
    JsonNode apps = reply.json().get("apps");
    List<JsonNode> list = new ArrayList<>();
    if (!apps.isEmpty()) {
      assertThat(fieldNames(apps)).containsExactly("app");
      apps.get("app").forEach(list::add);
    }
    return list;
  }

  private List<String> ids(String query) {
    return apps(query).stream().map(app -> app.get("id").asText()).toList();
  }

  private void assertFields(JsonNode object, Set<String> real, Set<String> required) {
    Set<String> names = fieldNames(object);
    if (target.reference() && real != ResourceManagerFields.APP) {
      assertThat(names)
          .as("the real ResourceManager's fields")
          .containsExactlyInAnyOrderElementsOf(real);
    }
    assertThat(names).as("required fields").containsAll(required);
    assertThat(real).as("fields a real ResourceManager serves").containsAll(names);
  }
}
