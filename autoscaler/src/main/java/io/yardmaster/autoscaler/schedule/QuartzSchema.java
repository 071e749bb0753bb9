package io.yardmaster.autoscaler.schedule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Creates Quartz's tables on PostgreSQL from the {@code tables_postgres.sql} that ships in the
 * Quartz jar, once: under an advisory lock (two instances may start together), only when {@code
 * qrtz_locks} is missing, and without the script's {@code DROP TABLE} lines.
 */
final class QuartzSchema {
  static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";
  private static final long LOCK_KEY = 0x59617264L;

  private QuartzSchema() {}

  static boolean isPostgres(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return connection
          .getMetaData()
          .getDatabaseProductName()
          .toLowerCase(Locale.ROOT)
          .contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot inspect the database: " + e.getMessage(), e);
    }
  }

  static void ensure(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        if (!exists(connection)) {
          for (String sql : statements()) {
            statement.execute(sql);
          }
        }
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create Quartz's tables: " + e.getMessage(), e);
    }
  }

  /** Whether the tables are in the connection's schema (another schema's tables do not count). */
  private static boolean exists(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection
            .getMetaData()
            .getTables(null, connection.getSchema(), "qrtz_locks", new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  static List<String> statements() {
    String script;
    try (InputStream in = QuartzSchema.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) {
        throw new IllegalStateException(SCRIPT + " is not on the classpath");
      }
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder withoutComments = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        withoutComments.append(line).append('\n');
      }
    }
    List<String> statements = new ArrayList<>();
    for (String part : withoutComments.toString().split(";")) {
      String sql = part.trim();
      String upper = sql.toUpperCase(Locale.ROOT);
      if (!sql.isEmpty() && !upper.startsWith("DROP ") && !upper.equals("COMMIT")) {
        statements.add(sql);
      }
    }
    return statements;
  }
}
