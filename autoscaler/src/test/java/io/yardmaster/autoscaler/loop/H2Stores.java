package io.yardmaster.autoscaler.loop;

import io.micronaut.jdbc.DataSourceResolver;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database with the autoscaler's migrations applied. */
public final class H2Stores {
  static final String[] MIGRATIONS = {
    "db/migration/V10__autoscaler.sql", "db/migration/V11__autoscaler_operations.sql"
  };

  private H2Stores() {}

  public static AutoscalerStore fresh() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    for (String migration : MIGRATIONS) {
      apply(dataSource, migration);
    }
    return new AutoscalerStore(dataSource, DataSourceResolver.DEFAULT);
  }

  private static void apply(JdbcDataSource dataSource, String migration) {
    String script;
    try (InputStream in = H2Stores.class.getClassLoader().getResourceAsStream(migration)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      StringBuilder sql = new StringBuilder();
      for (String line : script.split("\n")) {
        if (!line.trim().startsWith("--")) {
          sql.append(line).append('\n');
        }
      }
      for (String part : sql.toString().split(";")) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
