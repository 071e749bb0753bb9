package io.yardmaster.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.peers.harness.LivyServerProcess;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.net.MalformedURLException;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A Yardmaster whose one cluster is real: a YARN cluster and a Livy 0.7.1 server submitting Spark
 * 3.5.5 in YARN cluster mode, each in a process of its own (peers/harness), and an H2 database. Its
 * team's token calls the job API; {@link #yarnApp} reads the ResourceManager's REST API.
 */
public final class RealFleet implements AutoCloseable {
  public static final String CLUSTER = "real";
  public static final String TEAM = "risk";

  public final PeerPaths paths;
  public final YarnClusterProcess yarn;
  public final LivyServerProcess livy;
  public final EmbeddedServer server;
  private final HttpClient http;
  private final HttpClient resourceManager;
  private final String token;

  private RealFleet(
      PeerPaths paths,
      YarnClusterProcess yarn,
      LivyServerProcess livy,
      Consumer<Map<String, Object>> configure) {
    this.paths = paths;
    this.yarn = yarn;
    this.livy = livy;
    Map<String, Object> properties = new HashMap<>(Databases.h2());
    properties.put("yardmaster.clusters." + CLUSTER + ".livy-url", livy.baseUri().toString());
    properties.put(
        "yardmaster.clusters." + CLUSTER + ".resource-manager-url", yarn.webUri().toString());
    properties.put("yardmaster.jobs.submit-interval", "200ms");
    properties.put("yardmaster.jobs.track-interval", "500ms");
    properties.put("yardmaster.auth.bootstrap-admin-token", "false");
    // The real Livy runs local jars by path; its own livy.file.local-dir-whitelist guards them.
    properties.put("yardmaster.conf-policies." + CLUSTER + ".allowed-file-prefixes", "/");
    configure.accept(properties);
    this.server = ApplicationContext.run(EmbeddedServer.class, properties, "test");
    this.http = HttpClient.create(server.getURL());
    this.resourceManager = HttpClient.create(url(yarn));
    // The harness's Livy runs without impersonation (Livy's default): apps run as the user of the
    // Livy process. The team's proxy user is that user, so this would hold with impersonation on.
    server
        .getApplicationContext()
        .getBean(TeamRepository.class)
        .save(new Team(TEAM, osUser(), 100, 10, 16, 16L * 1024, Instant.now()));
    this.token = TestTokens.team(server.getApplicationContext(), TEAM);
  }

  /**
   * Starts the peers and the application. A mini NodeManager offers 4 GB, room for 4 Spark
   * containers of 896 MB (512m + 384m overhead): give one NodeManager per two apps that run at
   * once, or their drivers can wait for executors forever.
   */
  public static RealFleet start(String name, int nodeManagers) {
    return start(name, nodeManagers, properties -> {});
  }

  /**
   * As {@link #start(String, int)}, with {@code configure} given the application's configuration
   * (Livy's URL at {@code yardmaster.clusters.real.livy-url}) to change before it starts.
   */
  public static RealFleet start(
      String name, int nodeManagers, Consumer<Map<String, Object>> configure) {
    return start(name, nodeManagers, List.of(), List.of(), configure);
  }

  /**
   * As {@link #start(String, int, Consumer)}, with {@code livyConf} lines appended to Livy's
   * livy.conf and {@code livyJvm} options for its JVM (a secured Livy).
   */
  public static RealFleet start(
      String name,
      int nodeManagers,
      List<String> livyConf,
      List<String> livyJvm,
      Consumer<Map<String, Object>> configure) {
    PeerPaths paths = PeerPaths.fromSystemProperties();
    YarnClusterProcess yarn = YarnClusterProcess.start(paths, name + "-yarn", nodeManagers);
    LivyServerProcess livy = null;
    try {
      livy =
          LivyServerProcess.startOnYarn(
              paths, name + "-livy", yarn.hadoopConfDir(), livyConf, livyJvm);
      return new RealFleet(paths, yarn, livy, configure);
    } catch (RuntimeException e) {
      if (livy != null) {
        livy.close();
      }
      yarn.close();
      throw e;
    }
  }

  public static String osUser() {
    return System.getProperty("user.name");
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  public BlockingHttpClient client() {
    return http.toBlocking();
  }

  public String token() {
    return token;
  }

  /** Submits a small Spark job (1 executor, 512m) on the real cluster, with Airflow labels. */
  public String submit(String idempotencyKey, String file, String className, List<String> args) {
    Map<String, Object> batch = new HashMap<>();
    batch.put("file", file);
    batch.put("className", className);
    batch.put("args", args);
    batch.put("driverMemory", "512m");
    batch.put("executorMemory", "512m");
    batch.put("executorCores", 1);
    batch.put("numExecutors", 1);
    batch.put("conf", Map.of("spark.task.maxFailures", "1"));
    Map<String, Object> labels = new HashMap<>();
    labels.put("dagId", "Daily_Risk");
    labels.put("taskId", "compute.VaR");
    labels.put("runId", "scheduled__2026-11-21T00:00:00+00:00");
    Map<String, Object> body =
        Map.of("batch", batch, "target", Map.of("cluster", CLUSTER), "labels", labels);
    HttpRequest<?> request =
        HttpRequest.POST("/api/v1/jobs", body)
            .bearerAuth(token)
            .header("Idempotency-Key", idempotencyKey);
    return (String)
        client().retrieve(request, Argument.mapOf(String.class, Object.class)).get("id");
  }

  /** Submits a job of the peers' spark-jobs.jar. */
  public String submit(String idempotencyKey, String className, List<String> args) {
    return submit(idempotencyKey, paths.sparkJobsJar().toString(), className, args);
  }

  /**
   * A small Pi batch named {@code name}, as the backend submits it to Livy (not through the API).
   */
  public BatchSubmission piBatch(String name) {
    return new BatchSubmission(
        name,
        paths.sparkJobsJar().toString(),
        PeerPaths.PI_JOB,
        List.of("1"),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        "512m",
        null,
        "512m",
        1,
        1,
        null,
        Map.of(),
        osUser());
  }

  public Map<String, Object> job(String id) {
    return getJson("/api/v1/jobs/" + id);
  }

  public Map<String, Object> getJson(String path) {
    return client()
        .retrieve(
            HttpRequest.GET(path).bearerAuth(token), Argument.mapOf(String.class, Object.class));
  }

  /** Waits for a job state; fails at once when the job ends in another. */
  public Map<String, Object> awaitState(String id, String state, Duration atMost) {
    List<String> otherEnds =
        List.of("SUCCEEDED", "FAILED", "KILLED", "LOST").stream()
            .filter(end -> !end.equals(state))
            .toList();
    await("job " + id + " " + state + " (Livy log: " + livy.log() + ")")
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Object now = job(id).get("state");
              assertThat(now).as("job %s went past %s", id, state).isNotIn(otherEnds);
              return state.equals(now);
            });
    return job(id);
  }

  /** The ResourceManager's {@code /ws/v1/cluster/apps/{id}} app object. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> yarnApp(String appId) {
    Map<String, Object> body =
        resourceManager
            .toBlocking()
            .retrieve(
                HttpRequest.GET("/ws/v1/cluster/apps/" + appId),
                Argument.mapOf(String.class, Object.class));
    return (Map<String, Object>) body.get("app");
  }

  @Override
  public void close() {
    http.close();
    resourceManager.close();
    server.close();
    livy.close();
    yarn.close();
  }

  private static URL url(YarnClusterProcess yarn) {
    try {
      return yarn.webUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
