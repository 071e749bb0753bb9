package io.yardmaster.cost.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code cost_allocation} (V25), or its summary {@code cost_summary} (V26) when that holds
 * the query's labels, and nothing else, for a {@link CostQuery}: the database sums each set's rows
 * per grouping, so the answer's size follows the number of groups, not of rows.
 */
@Singleton
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
@Requires(beans = DataSource.class)
public final class CostStore {
  private static final Logger LOG = LoggerFactory.getLogger(CostStore.class);
  private static final String FAILED = "final_status IN ('FAILED', 'KILLED')";

  static final String WORK_MEM = "64MB";

  private final DataSource dataSource;

  public CostStore(DataSource dataSource, @Nullable DataSourceResolver resolver) {
    requireNonNull(dataSource, "dataSource is null");
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
  }

  /** What the database holds for the query: its groups, and the distinct runs of each set. */
  public record Read(List<CostGroup> groups, Map<Integer, Long> setRuns, long totalRuns) {}

  public Read read(CostQuery query) {
    List<Dimension> grouping = List.copyOf(query.grouping());
    List<Object> parameters = new ArrayList<>();
    String where = where(query, parameters);
    String bucket = bucket(query);
    // One pass: grouped finer, by each app's DAG run too, so that distinct runs are counted here
    // from the groups rather than by COUNT(DISTINCT) (which sorts every row) or a second scan.
    StringBuilder labels = new StringBuilder();
    for (Dimension dimension : grouping) {
      labels.append(", ").append(dimension.column());
    }
    boolean dagGrouped = grouping.contains(Dimension.DAG);
    boolean runGrouped = grouping.contains(Dimension.RUN);
    labels.append(dagGrouped ? "" : ", dag_id").append(runGrouped ? "" : ", run_id");
    String columns = bucket + labels;
    // Grouping by the constant set of a query without a step would name a column by number.
    String groupBy = query.step() == null ? labels.substring(2) : columns;
    String sql =
        "SELECT "
            + columns
            + ", kind, SUM(cpu_micros), SUM(memory_micros), SUM(cost_micros),"
            + " SUM(idle_share_micros), SUM(idle_cause_micros),"
            + sumIf("cost_micros")
            + ","
            + sumIf("idle_share_micros")
            + ","
            + sumIf("idle_cause_micros")
            + ", SUM(vcore_seconds), SUM(memory_mb_seconds), MIN(hour_start), MAX(hour_start)"
            + " FROM "
            + table(query)
            + where
            + " GROUP BY "
            + groupBy
            + ", kind";
    try (Connection connection = dataSource.getConnection()) {
      boolean postgres = connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL");
      boolean autoCommit = connection.getAutoCommit();
      if (postgres) {
        // A month of rows aggregates in memory rather than in an external sort on disk.
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
          statement.execute("SET LOCAL work_mem = '" + WORK_MEM + "'");
        }
      }
      try {
        return read(connection, sql, parameters, grouping, dagGrouped, runGrouped);
      } finally {
        if (postgres) {
          connection.rollback();
          connection.setAutoCommit(autoCommit);
        }
      }
    } catch (SQLException e) {
      LOG.warn("reading the costs failed: {}", e.getMessage());
      throw new ApiException(ApiErrorCode.UNAVAILABLE, "the cost database is out of reach");
    }
  }

  /**
   * The pools, each with its cluster, that hold costs of the query's window and filter (of its apps
   * only when {@link CostQuery#scopedToApps()}): one distinct read, whatever the number of runs.
   */
  public Map<String, String> pools(CostQuery query) {
    List<Object> parameters = new ArrayList<>();
    String sql =
        "SELECT DISTINCT pool, cluster FROM "
            + table(query)
            + where(query, parameters)
            + " AND pool <> ''";
    Map<String, String> pools = new TreeMap<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        pools.put(rows.getString(1), rows.getString(2));
      }
    } catch (SQLException e) {
      LOG.warn("reading the costs' pools failed: {}", e.getMessage());
      throw new ApiException(ApiErrorCode.UNAVAILABLE, "the cost database is out of reach");
    }
    return pools;
  }

  private static Read read(
      Connection connection,
      String sql,
      List<Object> parameters,
      List<Dimension> grouping,
      boolean dagGrouped,
      boolean runGrouped)
      throws SQLException {
    Map<List<Object>, CostGroup> groups = new LinkedHashMap<>();
    Map<List<Object>, Set<String>> groupRuns = new HashMap<>();
    Map<Integer, Set<String>> setRuns = new HashMap<>();
    Set<String> allRuns = new HashSet<>();
    int dagColumn = dagGrouped ? 2 + grouping.indexOf(Dimension.DAG) : 2 + grouping.size();
    int runColumn =
        runGrouped
            ? 2 + grouping.indexOf(Dimension.RUN)
            : 2 + grouping.size() + (dagGrouped ? 0 : 1);
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        CostGroup part = group(rows, grouping, dagGrouped, runGrouped);
        List<Object> key = List.of(part.set(), part.labels(), part.idle());
        groups.merge(key, part, CostStore::sum);
        String run = rows.getString(runColumn);
        if (!part.idle() && run != null && !run.isEmpty()) {
          String dagRun = rows.getString(dagColumn) + "/" + run;
          groupRuns.computeIfAbsent(key, unused -> new HashSet<>()).add(dagRun);
          setRuns.computeIfAbsent(part.set(), unused -> new HashSet<>()).add(dagRun);
          allRuns.add(dagRun);
        }
      }
    }
    List<CostGroup> result = new ArrayList<>(groups.size());
    groups.forEach(
        (key, group) -> result.add(withRuns(group, groupRuns.getOrDefault(key, Set.of()).size())));
    Map<Integer, Long> runsPerSet = new HashMap<>();
    setRuns.forEach((set, names) -> runsPerSet.put(set, (long) names.size()));
    return new Read(result, runsPerSet, allRuns.size());
  }

  private static CostGroup sum(CostGroup a, CostGroup b) {
    return new CostGroup(
        a.set(),
        a.labels(),
        a.idle(),
        a.cpu() + b.cpu(),
        a.memory() + b.memory(),
        a.cost() + b.cost(),
        a.idleShare() + b.idleShare(),
        a.idleCause() + b.idleCause(),
        a.failedCost() + b.failedCost(),
        a.failedShare() + b.failedShare(),
        a.failedCause() + b.failedCause(),
        a.vcoreSeconds() + b.vcoreSeconds(),
        a.memoryMbSeconds() + b.memoryMbSeconds(),
        0,
        Math.min(a.firstHour(), b.firstHour()),
        Math.max(a.lastHour(), b.lastHour()));
  }

  private static CostGroup withRuns(CostGroup g, long runs) {
    return new CostGroup(
        g.set(),
        g.labels(),
        g.idle(),
        g.cpu(),
        g.memory(),
        g.cost(),
        g.idleShare(),
        g.idleCause(),
        g.failedCost(),
        g.failedShare(),
        g.failedCause(),
        g.vcoreSeconds(),
        g.memoryMbSeconds(),
        runs,
        g.firstHour(),
        g.lastHour());
  }

  /**
   * {@code cost_summary} (V26) when the query neither groups nor filters by a label that only names
   * an app (task, try, job, app): the same sums in several times fewer rows.
   */
  static String table(CostQuery query) {
    boolean summarized =
        query.grouping().stream().allMatch(Dimension::summarized)
            && query.filters().keySet().stream().allMatch(Dimension::summarized);
    return summarized ? "cost_summary" : "cost_allocation";
  }

  /** The set of a row: computed from the query's own numbers, never from a parameter's text. */
  private static String bucket(CostQuery query) {
    if (query.step() == null) {
      return "0";
    }
    return "CAST((hour_start - "
        + query.window().startMillis()
        + ") / "
        + query.step().toMillis()
        + " AS INTEGER)";
  }

  private static String sumIf(String column) {
    return " SUM(CASE WHEN " + FAILED + " THEN " + column + " ELSE 0 END)";
  }

  private static String where(CostQuery query, List<Object> parameters) {
    StringBuilder where = new StringBuilder(" WHERE hour_start >= ? AND hour_start < ?");
    parameters.add(query.window().startMillis());
    parameters.add(query.window().endMillis());
    if (query.scopedToApps()) {
      where.append(" AND kind = 'APP'");
    }
    for (Map.Entry<Dimension, Set<String>> filter : query.filters().entrySet()) {
      where.append(" AND ").append(filter.getKey().column()).append(" IN (");
      int i = 0;
      for (String value : filter.getValue()) {
        where.append(i++ == 0 ? "?" : ", ?");
        parameters.add(value);
      }
      where.append(')');
    }
    return where.toString();
  }

  private static PreparedStatement prepare(
      Connection connection, String sql, List<Object> parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      Object parameter = parameters.get(i);
      if (parameter instanceof Long value) {
        statement.setLong(i + 1, value);
      } else {
        statement.setString(i + 1, (String) parameter);
      }
    }
    return statement;
  }

  private static CostGroup group(
      ResultSet rows, List<Dimension> grouping, boolean dagGrouped, boolean runGrouped)
      throws SQLException {
    int column = 1;
    int set = rows.getInt(column++);
    Map<Dimension, String> labels = new EnumMap<>(Dimension.class);
    for (Dimension dimension : grouping) {
      String value = rows.getString(column++);
      labels.put(
          dimension,
          value == null || (dimension == Dimension.TRY && value.equals("-1")) ? "" : value);
    }
    column += (dagGrouped ? 0 : 1) + (runGrouped ? 0 : 1);
    boolean idle = "IDLE".equals(rows.getString(column++));
    return new CostGroup(
        set,
        labels,
        idle,
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        rows.getLong(column++),
        0,
        rows.getLong(column++),
        rows.getLong(column));
  }
}
