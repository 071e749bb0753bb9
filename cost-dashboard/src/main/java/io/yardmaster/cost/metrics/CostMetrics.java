package io.yardmaster.cost.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.cost.api.CostApiDocument;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each team's cost of the last attributed whole hour, as {@code
 * yardmaster_team_cost_last_hour_dollars}, re-read from {@code cost_allocation} every {@value
 * #PERIOD}: the team's apps with their share of the idle (what the team's own token sees with
 * {@code idle=share}), {@code __untagged__} for apps without our tags, {@code __idle__} for the
 * idle no app's share covers. The {@value #TEAMS} costliest teams keep their own series and the
 * rest add up in {@code __other__}, so the series' number stays bounded whatever the YARN tags say.
 * The gauges of one hour add up to that hour's VM bill.
 */
@Context
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
@Requires(beans = {MeterRegistry.class, DataSource.class})
public final class CostMetrics {
  static final String PERIOD = "60s";
  static final int TEAMS = 50;
  private static final Logger LOG = LoggerFactory.getLogger(CostMetrics.class);
  private static final String SQL =
      "SELECT team, SUM(micros) FROM (SELECT"
          + " CASE WHEN kind = 'IDLE' THEN '__idle__' WHEN team = '' THEN '__untagged__'"
          + " ELSE team END AS team,"
          + " CASE WHEN kind = 'IDLE' THEN idle_share_micros"
          + " ELSE cost_micros + idle_share_micros END AS micros"
          + " FROM cost_allocation WHERE hour_start ="
          + " (SELECT MAX(hour_start) FROM cost_allocation WHERE hour_start < ?)) last_hour"
          + " GROUP BY team ORDER BY 2 DESC, team";

  private final DataSource dataSource;
  private final Clock clock;
  private final MultiGauge teams;

  public CostMetrics(
      MeterRegistry meters,
      DataSource dataSource,
      @Nullable DataSourceResolver resolver,
      Clock clock) {
    this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    this.clock = clock;
    this.teams =
        MultiGauge.builder("yardmaster.team.cost.last.hour.dollars")
            .description("each team's cost of the last attributed whole hour, idle shared")
            .register(meters);
    refresh();
  }

  /** Re-reads the last hour's costs now (the schedule does it every {@value #PERIOD}). */
  @Scheduled(fixedDelay = PERIOD, initialDelay = PERIOD)
  public void refresh() {
    try {
      teams.register(rows(), true);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("the teams' hourly cost could not be re-read; the last values stay", e);
    }
  }

  private List<MultiGauge.Row<?>> rows() throws SQLException {
    // Only hours that have ended: the current hour's rows are a running app's cost so far.
    long hourStart = clock.instant().truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    List<MultiGauge.Row<?>> rows = new ArrayList<>();
    int teams = 0;
    long other = 0;
    boolean anyOther = false;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setLong(1, hourStart);
      statement.setQueryTimeout((int) Duration.ofSeconds(10).toSeconds());
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          String team = result.getString(1);
          long micros = result.getLong(2);
          boolean special = team.startsWith("__");
          if (special || teams++ < TEAMS) {
            rows.add(MultiGauge.Row.of(Tags.of("team", team), micros / 1_000_000.0));
          } else {
            other += micros;
            anyOther = true;
          }
        }
      }
    }
    if (anyOther) {
      rows.add(MultiGauge.Row.of(Tags.of("team", "__other__"), other / 1_000_000.0));
    }
    return rows;
  }
}
