package io.yardmaster.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.yardmaster.core.lease.Leases;
import io.yardmaster.core.peer.NoPeerCredentials;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.HealthConfig;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas over one database and one ResourceManager: only the lease holder asks the RM, the
 * other routes on what it stored, and an RM that cannot be read leaves both without a usage.
 */
class ClusterLoadTest {
  private static final Instant NOW = Instant.parse("2026-12-02T03:00:00Z");
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status = 200;
  private volatile String body = metrics(8192, 1024, 16384);
  private HttpServer server;
  private JdbcDataSource database;
  private ClusterRegistry registry;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/alpha/rm/ws/v1/cluster/metrics",
        exchange -> {
          requests.incrementAndGet();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    registry =
        new ClusterRegistry(
            List.of(
                new ClusterConfig(
                    "alpha",
                    base.resolve("/alpha/livy"),
                    base.resolve("/alpha/rm"),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null)),
            List.of());
    database = new JdbcDataSource();
    database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
    try (InputStream migration =
            getClass().getResourceAsStream("/db/migration/V31__cluster_load.sql");
        Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(new String(migration.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void theLeaseHolderReadsTheOtherReplicaLoadsWhatItStored() {
    ClusterLoad holder = replica(true);
    ClusterLoad other = replica(false);

    holder.refresh();
    other.refresh();

    assertThat(requests).as("one RM read for two replicas").hasValue(1);
    ClusterUsage expected = new ClusterUsage(8192 + 1024, 16384, 9, 16, 2, NOW);
    assertThat(holder.usage("alpha")).contains(expected);
    assertThat(other.usage("alpha")).contains(expected);
    assertThat(other.usage("alpha").orElseThrow().utilisation(0)).isEqualTo(9216.0 / 16384);
  }

  @Test
  void anUnreadableResourceManagerLeavesEveryReplicaWithoutItsUsage() {
    ClusterLoad holder = replica(true);
    ClusterLoad other = replica(false);
    holder.refresh();
    other.refresh();

    status = 503;
    holder.refresh();
    other.refresh();

    assertThat(holder.usage("alpha")).isEmpty();
    assertThat(other.usage("alpha")).as("not the stale reading").isEmpty();

    status = 200;
    body = metrics(0, 0, 16384);
    holder.refresh();
    other.refresh();
    assertThat(other.usage("alpha").orElseThrow().usedMb()).isZero();
  }

  private ClusterLoad replica(boolean holdsLease) {
    PeerClient http =
        new PeerClient(
            new PeerConfig(null, Duration.ofSeconds(5), null, null), new NoPeerCredentials(), JSON);
    return new ClusterLoad(
        registry,
        new ResourceManagerClient(http),
        new FixedLease(holdsLease),
        database,
        JSON,
        Clock.fixed(NOW, ZoneOffset.UTC),
        new HealthConfig(null, null));
  }

  private static String metrics(long allocatedMb, long reservedMb, long totalMb) {
    return "{\"clusterMetrics\":{\"appsPending\":2,\"allocatedMB\":"
        + allocatedMb
        + ",\"reservedMB\":"
        + reservedMb
        + ",\"totalMB\":"
        + totalMb
        + ",\"allocatedVirtualCores\":8,\"reservedVirtualCores\":1,\"totalVirtualCores\":16}}";
  }

  /** A replica that always, or never, holds every lease. */
  private record FixedLease(boolean holds) implements Leases {
    @Override
    public boolean hold(String name, Instant now, Duration ttl) {
      return holds;
    }

    @Override
    public void releaseAll() {}

    @Override
    public String holder() {
      return holds ? "holder" : "other";
    }
  }
}
