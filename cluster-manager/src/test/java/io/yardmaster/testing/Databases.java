package io.yardmaster.testing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The databases persistence tests run on: embedded H2 (the default) and the real PostgreSQL that
 * {@code infra/local-stack/test.sh} starts and names in {@code YM_TEST_PG_URL}.
 */
public final class Databases {
  public static final String POSTGRES_URL_VARIABLE = "YM_TEST_PG_URL";

  private Databases() {}

  public static Map<String, Object> h2() {
    return Map.of(
        "datasources.default.url",
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
  }

  /**
   * PostgreSQL, fresh schema each call; fails (not skips) when the test script did not start it.
   */
  public static Map<String, Object> postgres() {
    String url = System.getenv(POSTGRES_URL_VARIABLE);
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          POSTGRES_URL_VARIABLE
              + " is not set: run the tests with infra/local-stack/test.sh, which starts PostgreSQL");
    }
    String schema = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    String separator = url.contains("?") ? "&" : "?";
    return Map.of(
        "datasources.default.url",
        url + separator + "currentSchema=" + schema,
        "datasources.default.username",
        "postgres",
        "datasources.default.password",
        "",
        "flyway.datasources.default.schemas",
        schema,
        "flyway.datasources.default.create-schemas",
        "true");
  }

  public static List<Map<String, Object>> all() {
    return List.of(h2(), postgres());
  }
}
