package io.yardmaster.cost.testing;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The databases the cost tests run on: embedded H2 (the default) and the real PostgreSQL that
 * {@code infra/local-stack/test.sh} starts and names in {@code YM_TEST_PG_URL}.
 */
public final class CostDatabases {
  public static final String POSTGRES_URL_VARIABLE = "YM_TEST_PG_URL";

  private CostDatabases() {}

  public static Map<String, Object> h2() {
    return Map.of(
        "datasources.default.url",
        "jdbc:h2:mem:"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
  }

  /** PostgreSQL, a fresh schema each call; fails (not skips) when it was not started. */
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

  /**
   * A context with the database migrated and no role running on its own (the tests drive each
   * pass), plus {@code extra} settings.
   */
  public static ApplicationContext start(Map<String, Object> database, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put("flyway.datasources.default.enabled", true);
    properties.put(Roles.API, "false");
    properties.put(Roles.AUTOSCALER, "false");
    properties.put(Roles.COST, "false");
    properties.putAll(extra);
    return ApplicationContext.run(properties, "test");
  }
}
