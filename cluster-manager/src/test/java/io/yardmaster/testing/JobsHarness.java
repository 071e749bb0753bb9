package io.yardmaster.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.PeerHealthMonitor;
import io.yardmaster.jobs.submission.JobSubmitter;
import io.yardmaster.jobs.tracking.JobTracker;
import io.yardmaster.load.ClusterLoad;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Yardmaster whose clusters (alpha, and any more) point at the simulator's Livy and
 * ResourceManager emulators served by the same server ({@link Emulators}), each cluster with one
 * node pool of two 8-core 64 GB nodes. Simulated time moves only when the test skips it.
 *
 * <p>{@link #start} runs the whole service: the scheduled job loops every 100-200 ms on the wall
 * clock. {@link #driven} is for tests of the loops: another replica holds the loops' leases, the
 * application's clock is a {@link MutableClock}, and the test runs each pass with {@link
 * #submitPass()}, {@link #trackPass()} and {@link #probe()}, moving time with {@link #advance}.
 */
public final class JobsHarness implements AutoCloseable {
  public final EmbeddedServer server;
  public final ApplicationContext context;
  public final Emulators peers;
  private final HttpClient http;

  private JobsHarness(EmbeddedServer server, List<String> clusters) {
    this.server = server;
    this.context = server.getApplicationContext();
    this.http = HttpClient.create(server.getURL());
    this.peers = new Emulators(context, http.toBlocking(), clusters);
  }

  public static JobsHarness start(Map<String, Object> extra) {
    return start(extra, List.of());
  }

  /** The whole service, with more clusters besides alpha, each tagged {@code spark3}. */
  public static JobsHarness start(Map<String, Object> extra, List<String> moreClusters) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.jobs.submit-interval", "100ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    properties.putAll(extra);
    return run(properties, moreClusters);
  }

  /** Loops the test drives, on a clock it moves; nothing runs on its own but the emulators. */
  public static JobsHarness driven(Map<String, Object> extra, List<String> moreClusters) {
    Map<String, Object> properties = new HashMap<>();
    properties.put(LoopsHeldElsewhere.PROPERTY, "true");
    properties.put(MutableClockFactory.PROPERTY, "true");
    // Belt and braces: were the leases' names to change, a loop would still run at most once.
    properties.put("yardmaster.jobs.submit-interval", "1h");
    properties.put("yardmaster.jobs.track-interval", "1h");
    properties.put("yardmaster.health.initial-delay", "1h");
    properties.put("yardmaster.health.interval", "1h");
    properties.putAll(extra);
    return run(properties, moreClusters);
  }

  private static JobsHarness run(Map<String, Object> settings, List<String> moreClusters) {
    int port = freePort();
    List<String> clusters = concat("alpha", moreClusters);
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put("yardmaster.simulator.enabled", "true");
    // A simulated millisecond per wall hour: simulated time is the test's to move.
    properties.put("yardmaster.simulator.speed-up", "0.0000003");
    for (String cluster : clusters) {
      String base = "http://127.0.0.1:" + port + "/sim/" + cluster;
      String key = "yardmaster.clusters." + cluster;
      properties.put(key + ".livy-url", base + "/livy");
      properties.put(key + ".resource-manager-url", base + "/rm");
      properties.put(key + ".tags", List.of("spark3"));
      String pool = "yardmaster.node-pools." + cluster + "-ondemand";
      properties.put(pool + ".cluster", cluster);
      properties.put(
          pool + ".scale-set-id",
          "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Compute/"
              + "virtualMachineScaleSets/"
              + cluster
              + "-ondemand");
      properties.put(pool + ".sku-name", "Standard_E8s_v5");
      properties.put(pool + ".vm-cores", 8);
      properties.put(pool + ".vm-memory-mb", 65536);
      properties.put(pool + ".max-nodes", 10);
    }
    properties.put("yardmaster.jobs.submit-lease", "1s");
    properties.put("yardmaster.jobs.start-grace", "3s");
    properties.put("yardmaster.auth.bootstrap-admin-token", "false");
    properties.putAll(settings);
    return new JobsHarness(
        ApplicationContext.run(EmbeddedServer.class, properties, "test"), clusters);
  }

  /** The application's clock, in a {@link #driven} harness. */
  public MutableClock clock() {
    Clock clock = context.getBean(Clock.class);
    if (!(clock instanceof MutableClock mutable)) {
      throw new IllegalStateException("only a driven harness has a clock the test moves");
    }
    return mutable;
  }

  /** Moves the application's clock and simulated time on together. */
  public void advance(Duration duration) {
    clock().advance(duration);
    peers.skip(duration);
  }

  /** One submitter pass now; how many jobs were handed to Livy. */
  public int submitPass() {
    return context.getBean(JobSubmitter.class).runOnce(clock().instant());
  }

  /** One tracking pass over every cluster now. */
  public void trackPass() {
    JobTracker tracker = context.getBean(JobTracker.class);
    for (ClusterConfig cluster : context.getBean(ClusterRegistry.class).clusters()) {
      tracker.runOnce(cluster, clock().instant());
    }
  }

  /** The health probe and the load reading of every cluster now (routing reads the load). */
  public void probe() {
    PeerHealthMonitor monitor = context.getBean(PeerHealthMonitor.class);
    context.getBean(ClusterRegistry.class).clusters().forEach(monitor::check);
    context.getBean(ClusterLoad.class).readAll();
  }

  public BlockingHttpClient client() {
    return http.toBlocking();
  }

  public String teamToken(String team) {
    return TestTokens.team(context, team);
  }

  public String adminToken() {
    return TestTokens.admin(context);
  }

  /** GET a JSON object. */
  public Map<String, Object> getJson(String path, String token) {
    return client()
        .retrieve(
            HttpRequest.GET(path).bearerAuth(token), Argument.mapOf(String.class, Object.class));
  }

  public HttpResponse<Map<String, Object>> post(
      String path, String token, String idempotencyKey, Object body) {
    MutableHttpRequest<Object> request = HttpRequest.POST(path, body).bearerAuth(token);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return client().exchange(request, Argument.mapOf(String.class, Object.class));
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    server.close();
    context.close();
  }
}
