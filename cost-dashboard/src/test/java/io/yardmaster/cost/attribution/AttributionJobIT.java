package io.yardmaster.cost.attribution;

import static io.yardmaster.cost.attribution.Fixtures.app;
import static io.yardmaster.cost.attribution.Fixtures.at;
import static io.yardmaster.cost.attribution.Fixtures.flat;
import static io.yardmaster.cost.attribution.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.Priority;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The job against the two databases the product runs on, with inputs held in memory. */
class AttributionJobIT {
  static final long E16 = 1_008_000;
  static final Instant NOW = at("23:00:00");

  record Row(String pool, String kind, String appId, long cost, long share, long cause) {}

  static List<Row> rows(DataSource dataSource, String cluster, Instant hour) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT pool, kind, app_id, cost_micros, idle_share_micros, idle_cause_micros"
                    + " FROM cost_allocation WHERE hour_start = ? AND cluster = ?"
                    + " ORDER BY pool, kind, app_id")) {
      select.setLong(1, hour.toEpochMilli());
      select.setString(2, cluster);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new Row(
                  result.getString(1),
                  result.getString(2),
                  result.getString(3),
                  result.getLong(4),
                  result.getLong(5),
                  result.getLong(6)));
        }
      }
    }
    return rows;
  }

  static AttributionJob job(MemoryInputs inputs, DataSource dataSource, int batch) {
    return new AttributionJob(
        inputs,
        new HourAttribution(AttributionModel.DEFAULTS),
        new AllocationStore(dataSource),
        batch,
        Duration.ofMinutes(5));
  }

  @ParameterizedTest
  @EnumSource(CostDatabases.Kind.class)
  void eachDirtyHourIsWrittenOnceAndReplacedWhenItsInputsChange(CostDatabases.Kind kind)
      throws SQLException {
    DataSource dataSource = CostDatabases.fresh(kind);
    MemoryInputs inputs = new MemoryInputs(flat(E16, 200_000));
    inputs.vms.add(vm("p", "vm1", at("09:00:00"), null));
    inputs.vms.add(vm("spot", "vm2", Priority.SPOT, at("09:00:00"), null));
    inputs.apps.add(app("a1", at("10:30:00"), at("11:30:00"), 16 * 3600, 0));
    inputs.dirty("c1", at("10:00:00"));
    inputs.dirty("c1", at("11:00:00"));
    AttributionJob job = job(inputs, dataSource, 10);

    assertThat(job.runOnce(NOW)).isEqualTo(new AttributionJob.Pass(2, 0, 0));
    assertThat(inputs.dirty).isEmpty();
    List<Row> ten = rows(dataSource, "c1", at("10:00:00"));
    assertThat(ten).extracting(Row::appId).containsExactly("a1", "", "a1", "");
    assertThat(ten.stream().mapToLong(Row::cost).sum()).isEqualTo(E16 + 200_000);

    // the app was re-read with more allocation: the hour is dirty again and its rows replaced
    inputs.apps.set(0, app("a1", at("10:30:00"), at("11:30:00"), 32 * 3600, 0));
    inputs.dirty("c1", at("10:00:00"));
    assertThat(job.runOnce(NOW).attributed()).isEqualTo(1);
    List<Row> again = rows(dataSource, "c1", at("10:00:00"));
    assertThat(again).hasSize(4);
    assertThat(again.stream().mapToLong(Row::cost).sum()).isEqualTo(E16 + 200_000);
    assertThat(again.get(0).cost()).isGreaterThan(ten.get(0).cost());
    assertThat(rows(dataSource, "c1", at("11:00:00"))).hasSize(4);
  }

  @ParameterizedTest
  @EnumSource(CostDatabases.Kind.class)
  void aBadHourIsSkippedAndTriedAgainWithoutHoldingTheOthersBack(CostDatabases.Kind kind)
      throws SQLException {
    DataSource dataSource = CostDatabases.fresh(kind);
    Fixtures.Prices prices = flat(E16, 0);
    MemoryInputs inputs = new MemoryInputs(prices);
    inputs.vms.add(vm("p", "vm1", at("09:00:00"), null));
    // c2's VM has a SKU the price book does not know: its hours cannot be billed
    inputs.vms.add(
        new VmSpan(
            "c2",
            "p",
            "vm9",
            "Standard_X1",
            "westeurope",
            Priority.ON_DEMAND,
            at("07:00:00"),
            null,
            4,
            1024));
    inputs.dirty("c2", at("08:00:00"));
    inputs.dirty("c2", at("09:00:00"));
    inputs.dirty("c1", at("10:00:00"));
    inputs.dirty("c1", at("11:00:00"));
    AttributionJob job = job(inputs, dataSource, 2);

    assertThat(job.runOnce(NOW)).isEqualTo(new AttributionJob.Pass(0, 2, 0));
    // the failing hours wait for their retry; the pass goes on to the next ones
    assertThat(job.runOnce(NOW.plusSeconds(1))).isEqualTo(new AttributionJob.Pass(2, 0, 2));
    assertThat(rows(dataSource, "c1", at("10:00:00"))).hasSize(1);
    assertThat(rows(dataSource, "c1", at("11:00:00"))).hasSize(1);
    assertThat(rows(dataSource, "c2", at("08:00:00"))).isEmpty();
    assertThat(inputs.dirty).hasSize(2);

    // after the retry delay they are tried again; a price added makes them succeed
    prices.set("Standard_X1", "westeurope", Priority.ON_DEMAND, Instant.EPOCH, 100_000);
    assertThat(job.runOnce(NOW.plus(Duration.ofMinutes(6))))
        .isEqualTo(new AttributionJob.Pass(2, 0, 0));
    assertThat(rows(dataSource, "c2", at("09:00:00")))
        .containsExactly(new Row("p", "IDLE", "", 100_000, 100_000, 100_000));
    assertThat(inputs.dirty).isEmpty();
  }
}
