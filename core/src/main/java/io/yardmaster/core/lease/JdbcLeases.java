package io.yardmaster.core.lease;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.core.Texts;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the {@code lease} table, one row per name, taken and renewed by compare-and-set on
 * (holder, until). Each call is its own auto-committed statement, so a lease is durable once held.
 * Times are this replica's clock: replicas keep to NTP, far inside the 15 s minimum lease.
 *
 * <p>A replica is named by its host and HTTP port when it has a fixed port: a process restarted
 * after a crash on the same host and port (a container restart, a systemd restart) takes its leases
 * back at once instead of waiting for them to expire; the crashed process cannot still run, since
 * the new one could not bind the port. Without a fixed port the name is unique.
 */
@Singleton
@Requires(beans = DataSource.class)
public final class JdbcLeases implements Leases {
  private static final Logger LOG = LoggerFactory.getLogger(JdbcLeases.class);

  private final DataSource dataSource;
  private final String holder;

  @Inject
  public JdbcLeases(
      DataSource dataSource,
      @Property(name = "micronaut.server.port", defaultValue = "-1") int port) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    String host = Texts.bounded(hostName(), 150);
    this.holder =
        port > 0 ? host + ":" + port : host + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Override
  public boolean hold(String name, Instant now, Duration ttl) {
    Timestamp until = Timestamp.from(now.plus(ttl));
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(true);
      try (PreparedStatement renew =
          connection.prepareStatement(
              "UPDATE lease SET holder = ?, until_at = ? WHERE name = ?"
                  + " AND (holder = ? OR until_at < ?)")) {
        renew.setString(1, holder);
        renew.setTimestamp(2, until);
        renew.setString(3, name);
        renew.setString(4, holder);
        renew.setTimestamp(5, Timestamp.from(now));
        if (renew.executeUpdate() == 1) {
          return true;
        }
      }
      try (PreparedStatement take =
          connection.prepareStatement(
              "INSERT INTO lease (name, holder, until_at) SELECT ?, ?, ? WHERE NOT EXISTS"
                  + " (SELECT 1 FROM lease WHERE name = ?)")) {
        take.setString(1, name);
        take.setString(2, holder);
        take.setTimestamp(3, until);
        take.setString(4, name);
        return take.executeUpdate() == 1;
      }
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        return false; // another replica inserted the row first
      }
      LOG.warn("lease {} cannot be held (the work waits): {}", name, e.getMessage());
      return false;
    }
  }

  @Override
  @PreDestroy
  public void releaseAll() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement release =
            connection.prepareStatement("DELETE FROM lease WHERE holder = ?")) {
      connection.setAutoCommit(true);
      release.setString(1, holder);
      release.executeUpdate();
    } catch (SQLException e) {
      LOG.warn("leases of {} not released; they expire on their own: {}", holder, e.getMessage());
    }
  }

  @Override
  public String holder() {
    return holder;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "replica";
    }
  }
}
