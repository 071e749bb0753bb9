package io.yardmaster.simulator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's Micronaut server, started in this JVM with a fleet of one cluster ({@value
 * #NAME}) whose Livy and ResourceManager are the emulators. Simulated time runs {@value #SPEED_UP}
 * times faster than real time, so a batch of {@code spark.yardmaster.sim.duration=40s} takes two
 * seconds.
 */
final class EmulatedCluster implements AutoCloseable {
  static final String NAME = "contract";
  static final int SPEED_UP = 20;
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

  private final EmbeddedServer server;
  private final URI root;
  private final JsonHttp http = new JsonHttp();

  private EmulatedCluster(EmbeddedServer server, URI root) {
    this.server = server;
    this.root = root;
  }

  static EmulatedCluster start() {
    int port = freePort();
    String base = "http://127.0.0.1:" + port + "/sim/" + NAME;
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put("yardmaster.simulator.enabled", true);
    properties.put("yardmaster.simulator.speed-up", SPEED_UP);
    properties.put("yardmaster.simulator.seed", 7);
    properties.put("yardmaster.clusters." + NAME + ".livy-url", base + "/livy");
    properties.put("yardmaster.clusters." + NAME + ".resource-manager-url", base + "/rm");
    properties.put("yardmaster.clusters." + NAME + ".graphite-prefix", "yarn-" + NAME);
    properties.put("yardmaster.clusters." + NAME + ".graphite-queue", "root.default");
    String pool = "yardmaster.node-pools." + NAME + "-od.";
    properties.put(pool + "cluster", NAME);
    properties.put(
        pool + "scale-set-id",
        "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/"
            + NAME
            + "-od");
    properties.put(pool + "sku-name", "Standard_E16s_v5");
    properties.put(pool + "vm-cores", 16);
    properties.put(pool + "vm-memory-mb", 131072);
    properties.put(pool + "node-manager-memory-mb", 114688);
    properties.put(pool + "min-nodes", 2);
    properties.put(pool + "max-nodes", 4);
    EmbeddedServer server = ApplicationContext.run(EmbeddedServer.class, properties);
    return new EmulatedCluster(server, URI.create(base + "/"));
  }

  URI livy() {
    return root.resolve("livy/");
  }

  URI resourceManager() {
    return root.resolve("rm/");
  }

  /** A batch body for the Livy emulator: what runs is told by {@code spark.yardmaster.sim.*}. */
  Map<String, Object> batch(LivyJob job, String yarnTags) {
    Map<String, Object> conf = new HashMap<>();
    conf.put("spark.yarn.tags", yarnTags);
    switch (job) {
      case SUCCEEDS -> conf.put("spark.yardmaster.sim.duration", "40s");
      case RUNS_LONG -> conf.put("spark.yardmaster.sim.duration", "2h");
      case FAILS -> {
        conf.put("spark.yardmaster.sim.duration", "40s");
        conf.put("spark.yardmaster.sim.fail", "true");
      }
    }
    return Map.of(
        "file", "local:///opt/jobs/contract.jar", "className", "contract.Job", "conf", conf);
  }

  /** Submits the job through the Livy emulator and waits for its YARN app to reach the state. */
  String runApp(LivyJob job, String yarnTags, String yarnState) {
    JsonHttp.Reply created =
        http.post(livy().resolve("batches"), JsonHttp.json(batch(job, yarnTags)));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    URI batch = livy().resolve("batches/" + created.json().get("id").asInt());
    String appId =
        await("appId of " + batch)
            .atMost(STATE_TIMEOUT)
            .until(
                () -> {
                  JsonNode id = http.get(batch).json().get("appId");
                  return id == null || id.isNull() ? null : id.asText();
                },
                id -> id != null);
    URI state = resourceManager().resolve("ws/v1/cluster/apps/" + appId + "/state");
    await(appId + " " + yarnState)
        .atMost(STATE_TIMEOUT)
        .until(() -> yarnState.equals(http.get(state).json().get("state").asText()));
    return appId;
  }

  void restartLivy() {
    JsonHttp.Reply reply = http.post(root.resolve("livy-admin/restart"), "");
    assertThat(reply.status()).as("%s", reply).isBetween(200, 204);
  }

  @Override
  public void close() {
    server.getApplicationContext().close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
