package io.yardmaster.cost.attribution;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Fresh databases with {@code cost_allocation} (V25) and {@code cost_summary} (V26): an in-memory
 * H2 in PostgreSQL mode (the embedded default's dialect) or a new database on the test PostgreSQL
 * ({@code YM_TEST_PG_URL}).
 */
final class CostDatabases {
  static final String V25 = "db/migration/V25__cost_allocation.sql";
  static final String V26 = "db/migration/V26__cost_summary.sql";

  private CostDatabases() {}

  enum Kind {
    H2,
    POSTGRESQL
  }

  static DataSource fresh(Kind kind) {
    DataSource dataSource = kind == Kind.H2 ? h2() : postgres();
    apply(dataSource, V25);
    apply(dataSource, V26);
    return dataSource;
  }

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
    h2.setUser("sa");
    return h2;
  }

  private static DataSource postgres() {
    String url = System.getenv("YM_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "YM_TEST_PG_URL is not set: source /work/notes/env or run infra/local-stack/test.sh");
    }
    String name = "cost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    PGSimpleDataSource postgres = new PGSimpleDataSource();
    postgres.setUrl(url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query)));
    postgres.setUser("postgres");
    postgres.setPassword("");
    return postgres;
  }

  static void apply(DataSource dataSource, String migration) {
    String script;
    try (InputStream in = CostDatabases.class.getClassLoader().getResourceAsStream(migration)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String part : sql.toString().split(";")) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(migration + ": " + e.getMessage(), e);
    }
  }
}
