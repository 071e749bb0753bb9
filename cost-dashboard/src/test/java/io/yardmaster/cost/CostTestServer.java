package io.yardmaster.cost;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.cost.attribution.CostSummary;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A real server of the cost role (web layer, migrations, cost API, dashboard) on a fresh H2 or
 * PostgreSQL database, with rows written straight into {@code cost_allocation} and tokens issued.
 */
public final class CostTestServer implements AutoCloseable {
  /** The two databases the product runs on. */
  public enum Database {
    H2,
    POSTGRESQL
  }

  private final EmbeddedServer server;

  private CostTestServer(EmbeddedServer server) {
    this.server = server;
  }

  public static CostTestServer start(Database database, Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>();
    if (database == Database.H2) {
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
    settings.put("datasources.default.dialect", "POSTGRES");
    settings.put("flyway.datasources.default.enabled", true);
    settings.put("micronaut.server.port", -1);
    // As the application writes answers (app's application.yml): every field, empty ones too.
    settings.put("micronaut.serde.serialization.inclusion", "always");
    // The rows are the test's: no RM or scale set to collect from (the VM loop would fail each
    // pass on the Azure settings it lacks and fill the log with it).
    settings.put("yardmaster.cost.collect.enabled", "false");
    settings.putAll(extra);
    return new CostTestServer(ApplicationContext.run(EmbeddedServer.class, settings));
  }

  public String url() {
    return server.getURL().toString();
  }

  public ApplicationContext context() {
    return server.getApplicationContext();
  }

  public String adminToken() {
    return context().getBean(Tokens.class).issue(Role.ADMIN, null, "cost test").token();
  }

  public String teamToken(String team) {
    TeamRepository teams = context().getBean(TeamRepository.class);
    if (teams.findById(team).isEmpty()) {
      teams.save(new Team(team, team + "-svc", 100, 10, 100, 1_000_000, Instant.now()));
    }
    return context().getBean(Tokens.class).issue(Role.TEAM, team, "cost test").token();
  }

  /**
   * Writes the rows into {@code cost_allocation} and their hours' summary, as attribution would.
   */
  public void insert(List<AllocationRow> rows) {
    String sql =
        "INSERT INTO cost_allocation (hour_start, cluster, pool, kind, app_id, team, dag_id,"
            + " task_id, run_id, try_number, map_index, job_id, queue, yarn_user, final_status,"
            + " vcore_seconds, memory_mb_seconds, cpu_micros, memory_micros, cost_micros,"
            + " idle_share_micros, idle_cause_micros)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource().getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        int batch = 0;
        for (AllocationRow row : rows) {
          row.bind(statement);
          statement.addBatch();
          if (++batch % 5000 == 0) {
            statement.executeBatch();
          }
        }
        statement.executeBatch();
      }
      long first = rows.stream().mapToLong(AllocationRow::hourStart).min().orElse(0);
      long last = rows.stream().mapToLong(AllocationRow::hourStart).max().orElse(-1);
      CostSummary.rewrite(connection, first, last + 1, null);
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert cost_allocation rows: " + e.getMessage(), e);
    }
  }

  /** The pool itself, not the transaction-aware proxy that refuses connections outside one. */
  public DataSource dataSource() {
    DataSource dataSource = context().getBean(DataSource.class);
    return context()
        .findBean(DataSourceResolver.class)
        .map(resolver -> resolver.resolve(dataSource))
        .orElse(dataSource);
  }

  @Override
  public void close() {
    server.close();
  }

  /** The JDBC URL of a fresh database on the test PostgreSQL ({@code YM_TEST_PG_URL}). */
  public static String freshPostgres() {
    String url = System.getenv("YM_TEST_PG_URL");
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "YM_TEST_PG_URL is not set: run the tests with infra/local-stack/test.sh");
    }
    String name = "cost_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
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
