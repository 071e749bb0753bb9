package io.yardmaster.autoscaler;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Databases for the autoscaler's application-context tests: a fresh in-memory H2 (the embedded
 * default's dialect) or a fresh database on the test PostgreSQL ({@code YM_TEST_PG_URL}).
 */
public final class TestDatabases {
  private TestDatabases() {}

  /** The two databases the product runs on. */
  public enum Kind {
    H2,
    POSTGRESQL
  }

  /** {@code datasources.default.*} settings of a fresh database of this kind. */
  public static Map<String, Object> settings(Kind kind) {
    Map<String, Object> settings = new HashMap<>();
    if (kind == Kind.H2) {
      settings.put(
          "datasources.default.url",
          "jdbc:h2:mem:"
              + UUID.randomUUID()
              + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
      settings.put("datasources.default.username", "sa");
    } else {
      settings.put("datasources.default.url", freshPostgres());
      settings.put("datasources.default.username", "postgres");
    }
    settings.put("datasources.default.password", "");
    return settings;
  }

  /** The JDBC URL of a fresh database on the test PostgreSQL (user postgres). */
  public static String freshPostgres() {
    String url = System.getenv("YM_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "YM_TEST_PG_URL is not set: run the tests with infra/local-stack/test.sh");
    }
    String name = "autoscaler_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    try (Connection connection = DriverManager.getConnection(url, "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name.toLowerCase(Locale.ROOT));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    int slash = url.lastIndexOf('/');
    int query = url.indexOf('?', slash);
    return url.substring(0, slash + 1) + name + (query < 0 ? "" : url.substring(query));
  }
}
