package io.yardmaster.bench.fleet;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.core.EmbeddedDefault;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Resources;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * A simulated fleet of one-pool clusters and the shipped autoscaler ticking it. The simulator (RM,
 * ARM emulators over one model, in real time) serves HTTP in one application context; the
 * autoscaler runs in another, as in production: its Quartz scheduler, loop, policy and store on its
 * own database, the real Azure SDK against the ARM emulator, the RM's REST API. The two share the
 * JVM, as the embedded default's single process does.
 */
final class FleetOfPools implements AutoCloseable {
  static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";

  private final FleetTickOptions options;
  private final EmbeddedServer simulator;
  private final ApplicationContext autoscaler;

  FleetOfPools(FleetTickOptions options) {
    this.options = options;
    Map<String, Object> peers = registry("http://localhost:1");
    peers.put("micronaut.server.port", -1);
    peers.put("yardmaster.simulator.enabled", true);
    peers.put("yardmaster.roles.autoscaler", false);
    peers.put("yardmaster.simulator.initial-nodes", 2);
    peers.put("yardmaster.simulator.boot-time-median", options.bootTime().toMillis() + "ms");
    peers.put("yardmaster.simulator.boot-time-sigma", 0.25);
    this.simulator =
        ApplicationContext.run(EmbeddedServer.class, peers, EmbeddedDefault.ENVIRONMENT);

    Map<String, Object> settings = registry(simulator.getURL().toString());
    settings.put("micronaut.server.port", -1);
    settings.put("yardmaster.simulator.enabled", false);
    settings.put("yardmaster.autoscaler.decommissioner", "simulator");
    settings.put("yardmaster.autoscaler.tick", options.tick().toMillis() + "ms");
    settings.put("yardmaster.autoscaler.instance-id", "bench");
    if (options.schedulerThreads() > 0) {
      settings.put("yardmaster.autoscaler.scheduler-threads", options.schedulerThreads());
    }
    settings.put("yardmaster.azure.endpoint", simulator.getURL() + "/sim/arm/");
    settings.put("flyway.datasources.default.enabled", true);
    settings.put("datasources.default.maximum-pool-size", 20);
    if (options.postgresUrl() == null) {
      settings.put(
          "datasources.default.url",
          "jdbc:h2:mem:"
              + UUID.randomUUID()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
      settings.put("datasources.default.username", "sa");
    } else {
      settings.put("datasources.default.url", freshDatabase(options));
      settings.put("datasources.default.username", options.postgresUser());
    }
    settings.put("datasources.default.password", "");
    this.autoscaler = ApplicationContext.run(settings, EmbeddedDefault.ENVIRONMENT);
  }

  /** A new database on the PostgreSQL server, so that no run sees another's Quartz triggers. */
  private static String freshDatabase(FleetTickOptions options) {
    String url = options.postgresUrl();
    String name = "fleet_ticks_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(url, options.postgresUser(), "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot create a database on " + url + ": " + e.getMessage(), e);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
  }

  /** The clusters and pools both contexts configure: cluster {@code c<i>}, pool {@code p<i>}. */
  private Map<String, Object> registry(String base) {
    Map<String, Object> registry = new HashMap<>();
    for (int i = 0; i < options.pools(); i++) {
      String cluster = cluster(i);
      String pool = pool(i);
      registry.put(
          "yardmaster.clusters." + cluster + ".livy-url", base + "/sim/" + cluster + "/livy");
      registry.put(
          "yardmaster.clusters." + cluster + ".resource-manager-url",
          base + "/sim/" + cluster + "/rm");
      registry.put("yardmaster.node-pools." + pool + ".cluster", cluster);
      registry.put(
          "yardmaster.node-pools." + pool + ".scale-set-id",
          "/subscriptions/"
              + SUBSCRIPTION
              + "/resourceGroups/rg-bench/providers/Microsoft.Compute/virtualMachineScaleSets/vmss-"
              + pool);
      registry.put("yardmaster.node-pools." + pool + ".sku-name", "Standard_D8s_v5");
      registry.put("yardmaster.node-pools." + pool + ".vm-cores", 8);
      registry.put("yardmaster.node-pools." + pool + ".vm-memory-mb", 32768);
      registry.put("yardmaster.node-pools." + pool + ".min-nodes", 1);
      registry.put("yardmaster.node-pools." + pool + ".max-nodes", 40);
    }
    return registry;
  }

  static String cluster(int i) {
    return String.format("c%03d", i);
  }

  static String pool(int i) {
    return String.format("p%03d", i);
  }

  List<String> pools() {
    return IntStream.range(0, options.pools()).mapToObj(FleetOfPools::pool).toList();
  }

  AutoscalerStore store() {
    return autoscaler.getBean(AutoscalerStore.class);
  }

  /**
   * The burst: on every cluster at the same instant, an application whose 40 executors need more
   * nodes than its pool has. Returns that instant (wall clock, what ticks are scheduled on).
   */
  Instant burst() {
    SimulatedFleet fleet = simulator.getApplicationContext().getBean(SimulatedFleet.class);
    Instant at = Instant.now();
    for (int i = 0; i < options.pools(); i++) {
      fleet
          .fleet()
          .cluster(cluster(i))
          .orElseThrow()
          .submit(
              new ApplicationSpec(
                  "burst-" + i,
                  "bench",
                  "root.default",
                  List.of(),
                  new Resources(2048, 1),
                  new Resources(4096, 1),
                  40,
                  Duration.ofHours(1),
                  null));
    }
    return at;
  }

  @Override
  public void close() {
    autoscaler.close();
    simulator.close();
    simulator.getApplicationContext().close();
  }
}
