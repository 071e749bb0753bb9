package io.yardmaster.simulator.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@MicronautTest(propertySources = "classpath:simulator-test.yml")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceManagerControllerTest implements TestPropertyProvider {
  private final int port = EmulatorTestServer.freePort();

  @Override
  public Map<String, String> getProperties() {
    return EmulatorTestServer.properties(port);
  }

  private static final String RM = "/sim/alpha/rm/ws/v1/cluster";
  private static final Argument<Map<String, Object>> JSON =
      Argument.mapOf(String.class, Object.class);

  @Inject
  @Client("/")
  HttpClient http;

  @Inject SimulatedFleet simulated;

  BlockingHttpClient client;
  SimulatedCluster alpha;

  @BeforeEach
  void setUp() {
    client = http.toBlocking();
    alpha = simulated.fleet().cluster("alpha").orElseThrow();
    client.exchange(HttpRequest.DELETE("/sim/alpha/rm-admin/fault"));
  }

  private Map<String, Object> get(String uri) {
    return client.retrieve(HttpRequest.GET(uri), JSON);
  }

  private HttpClientResponseException error(HttpRequest<?> request) {
    try {
      client.exchange(request, JSON);
    } catch (HttpClientResponseException e) {
      return e;
    }
    throw new AssertionError("expected an error status for " + request);
  }

  private void skip(int seconds) {
    client.exchange(HttpRequest.POST("/sim/clock/skip?seconds=" + seconds, ""));
  }

  private SimulatedApplication submit(String tag, Duration duration) {
    return alpha.submit(
        new ApplicationSpec(
            "job-" + tag,
            "alice",
            "root.batch",
            List.of(tag, "Team-A"),
            new Resources(2048, 1),
            new Resources(8192, 2),
            2,
            duration,
            null));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> inner(Map<String, Object> body, String key) {
    return (Map<String, Object>) body.get(key);
  }

  @Test
  void clusterInfoAndMetricsUseYarnFieldNames() {
    assertThat(inner(get(RM + "/info"), "clusterInfo"))
        .containsEntry("state", "STARTED")
        .containsEntry("haState", "ACTIVE")
        .containsEntry("hadoopVersion", "3.4.2");

    Map<String, Object> metrics = inner(get(RM + "/metrics"), "clusterMetrics");
    assertThat(metrics)
        .containsKeys(
            "appsSubmitted",
            "appsPending",
            "appsRunning",
            "appsCompleted",
            "appsKilled",
            "appsFailed",
            "allocatedMB",
            "allocatedVirtualCores",
            "availableMB",
            "availableVirtualCores",
            "pendingMB",
            "reservedMB",
            "totalMB",
            "totalVirtualCores",
            "activeNodes",
            "decommissioningNodes",
            "decommissionedNodes",
            "lostNodes",
            "containersAllocated",
            "containersPending");
    assertThat(((Number) metrics.get("activeNodes")).intValue()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void nodesAreListedWithTheirUse() {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> nodes =
        (List<Map<String, Object>>) inner(get(RM + "/nodes"), "nodes").get("node");

    assertThat(nodes)
        .extracting(node -> node.get("id"))
        .contains("alpha-od000000:8041", "alpha-od000001:8041", "alpha-spot000000:8041");
    assertThat(nodes.get(0))
        .containsEntry("nodeHostName", "alpha-od000000")
        .containsKeys(
            "state",
            "numContainers",
            "usedMemoryMB",
            "availMemoryMB",
            "usedVirtualCores",
            "availableVirtualCores");
    assertThat(inner(get(RM + "/nodes/alpha-od000000:8041"), "node"))
        .containsEntry("state", "RUNNING");
    assertThat(error(HttpRequest.GET(RM + "/nodes/nope:1")).getStatus().getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
  }

  @Test
  void appsAreFilteredByTagStateAndFinishTime() {
    SimulatedApplication quick = submit("ym-job-quick", Duration.ofSeconds(5));
    SimulatedApplication slow = submit("ym-job-slow", Duration.ofHours(2));
    skip(20);

    Map<String, Object> tagged = get(RM + "/apps?applicationTags=YM-JOB-QUICK");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> apps = (List<Map<String, Object>>) inner(tagged, "apps").get("app");
    assertThat(apps)
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app)
                  .containsEntry("id", quick.id())
                  .containsEntry("state", "FINISHED")
                  .containsEntry("finalStatus", "SUCCEEDED")
                  .containsEntry("applicationTags", "ym-job-quick,team-a")
                  .containsEntry("queue", "batch")
                  .containsEntry("user", "alice")
                  .containsEntry("runningContainers", -1);
              assertThat(((Number) app.get("vcoreSeconds")).longValue()).isEqualTo(7 + 2 * 2 * 5);
              assertThat(((Number) app.get("memorySeconds")).longValue()).isPositive();
              assertThat((String) app.get("amContainerLogs"))
                  .contains("/node/containerlogs/container_");
            });

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> running =
        (List<Map<String, Object>>)
            inner(get(RM + "/apps?states=running,accepted&applicationTags=ym-job-slow"), "apps")
                .get("app");
    assertThat(running)
        .singleElement()
        .satisfies(
            app ->
                assertThat(app)
                    .containsEntry("id", slow.id())
                    .containsEntry("allocatedVCores", 5)
                    .containsEntry("runningContainers", 3));

    long finishedSince = quick.finishedMillis();
    assertThat(get(RM + "/apps?applicationTags=ym-job-slow&finishedTimeBegin=" + finishedSince))
        .isEqualTo(Map.of("apps", Map.of()));
    assertThat(get(RM + "/apps?applicationTags=none-such")).isEqualTo(Map.of("apps", Map.of()));
    assertThat(get(RM + "/nodes?states=SHUTDOWN")).isEqualTo(Map.of("nodes", Map.of()));
  }

  @Test
  void killThroughTheStateEndpoint() {
    SimulatedApplication app = submit("ym-job-kill", Duration.ofHours(1));
    skip(5);
    String state = RM + "/apps/" + app.id() + "/state";
    assertThat(get(state)).isEqualTo(Map.of("state", "RUNNING"));

    HttpResponse<Map<String, Object>> accepted =
        client.exchange(HttpRequest.PUT(state, Map.of("state", "KILLED")), JSON);
    assertThat(accepted.getStatus().getCode()).isEqualTo(HttpStatus.ACCEPTED.getCode());
    assertThat(accepted.body()).isEqualTo(Map.of("state", "RUNNING"));
    assertThat(accepted.header("Location")).endsWith(app.id() + "/state");

    HttpResponse<Map<String, Object>> done =
        client.exchange(HttpRequest.PUT(state, Map.of("state", "KILLED")), JSON);
    assertThat(done.getStatus().getCode()).isEqualTo(HttpStatus.OK.getCode());
    assertThat(done.body()).isEqualTo(Map.of("state", "KILLED"));
    assertThat(inner(get(RM + "/apps/" + app.id()), "app"))
        .containsEntry("finalStatus", "KILLED")
        .containsEntry("diagnostics", "Application killed by user.");

    HttpClientResponseException onlyKilled =
        error(HttpRequest.PUT(state, Map.of("state", "RUNNING")));
    assertThat(onlyKilled.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(inner(onlyKilled.getResponse().getBody(JSON).orElseThrow(), "RemoteException"))
        .containsEntry("exception", "BadRequestException")
        .containsEntry(
            "message", "java.lang.Exception: Only 'KILLED' is allowed as a target state.");
  }

  @Test
  void unknownApplicationIsARemoteNotFoundException() {
    String id = "application_1_0042";
    HttpClientResponseException missing = error(HttpRequest.GET(RM + "/apps/" + id));

    assertThat(missing.getStatus().getCode()).isEqualTo(HttpStatus.NOT_FOUND.getCode());
    assertThat(missing.getResponse().getBody(JSON).orElseThrow())
        .isEqualTo(
            Map.of(
                "RemoteException",
                Map.of(
                    "exception", "NotFoundException",
                    "message", "java.lang.Exception: app with id: " + id + " not found",
                    "javaClassName", "org.apache.hadoop.yarn.webapp.NotFoundException")));
    assertThat(
            error(HttpRequest.PUT(RM + "/apps/" + id + "/state", Map.of("state", "KILLED")))
                .getStatus()
                .getCode())
        .isEqualTo(HttpStatus.NOT_FOUND.getCode());
    HttpClientResponseException badId = error(HttpRequest.GET(RM + "/apps/nonsense"));
    assertThat(badId.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    HttpClientResponseException badState = error(HttpRequest.GET(RM + "/apps?states=BOGUS"));
    assertThat(badState.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    HttpClientResponseException badTime =
        error(HttpRequest.GET(RM + "/apps?finishedTimeBegin=abc"));
    assertThat(inner(badTime.getResponse().getBody(JSON).orElseThrow(), "RemoteException"))
        .containsEntry("message", "java.lang.Exception: finishedTimeBegin value must be a number!");
    HttpClientResponseException negative =
        error(HttpRequest.GET(RM + "/apps?finishedTimeBegin=-5"));
    assertThat(inner(negative.getResponse().getBody(JSON).orElseThrow(), "RemoteException"))
        .containsEntry("message", "java.lang.Exception: finishTimeBegin must be greater than 0");
    HttpClientResponseException nodeState = error(HttpRequest.GET(RM + "/nodes?states=bogus"));
    assertThat(nodeState.getStatus().getCode()).isEqualTo(HttpStatus.BAD_REQUEST.getCode());
    assertThat(inner(nodeState.getResponse().getBody(JSON).orElseThrow(), "RemoteException"))
        .isEqualTo(
            Map.of(
                "exception", "IllegalArgumentException",
                "message", "No enum constant org.apache.hadoop.yarn.api.records.NodeState.BOGUS",
                "javaClassName", "java.lang.IllegalArgumentException"));
  }

  @Test
  void injectedFaultAnswersWithTheStatus() {
    client.exchange(
        HttpRequest.POST("/sim/alpha/rm-admin/fault", Map.of("status", 500, "count", 1)));

    assertThat(error(HttpRequest.GET(RM + "/metrics")).getStatus().getCode())
        .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR.getCode());
    assertThat(get(RM + "/metrics")).containsKey("clusterMetrics");
  }
}
