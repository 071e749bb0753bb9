package io.yardmaster.cost.price;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.PriceBook;
import io.yardmaster.cost.collect.DirtyHours;
import io.yardmaster.cost.collect.VmStore;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.sql.DataSource;

/**
 * The price book over table {@code cost_price}: rows are only ever added. A row dated in the past
 * applies from its date (never before), and the hours it now prices, those of every VM of its SKU,
 * region and priority since then, are marked dirty so attribution recomputes them (ADR 0016).
 */
@Singleton
public final class JdbcPriceBook implements PriceBook {
  private static final String COLUMNS =
      "sku, region, priority, valid_from, micros_per_hour, added_at, added_by, note";

  private final DataSource dataSource;
  private final VmStore vms;
  private final DirtyHours dirty;

  public JdbcPriceBook(DataSource dataSource, VmStore vms, DirtyHours dirty) {
    // Each call takes its own connection from the pool, outside any transaction proxy.
    this.dataSource =
        DelegatingDataSource.unwrapDataSource(requireNonNull(dataSource, "dataSource is null"));
    this.vms = requireNonNull(vms, "vms is null");
    this.dirty = requireNonNull(dirty, "dirty is null");
  }

  @Override
  public OptionalLong microsPerHour(String sku, String region, Priority priority, Instant at) {
    String sql =
        "SELECT micros_per_hour FROM cost_price WHERE sku = ? AND region = ? AND priority = ?"
            + " AND valid_from <= ? ORDER BY valid_from DESC LIMIT 1";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      select.setString(1, sku);
      select.setString(2, region);
      select.setString(3, priority.name());
      select.setLong(4, at.toEpochMilli());
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the price book", e);
    }
  }

  /** Every row, by SKU, region, priority and date. */
  public List<PriceRow> rows() {
    String sql =
        "SELECT " + COLUMNS + " FROM cost_price ORDER BY sku, region, priority, valid_from";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql);
        ResultSet rows = select.executeQuery()) {
      List<PriceRow> result = new ArrayList<>();
      while (rows.next()) {
        result.add(
            new PriceRow(
                rows.getString(1),
                rows.getString(2),
                Priority.valueOf(rows.getString(3)),
                Instant.ofEpochMilli(rows.getLong(4)),
                rows.getLong(5),
                Instant.ofEpochMilli(rows.getLong(6)),
                rows.getString(7),
                rows.getString(8)));
      }
      return result;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the price book", e);
    }
  }

  /**
   * Adds a row; false (and nothing changed) if one with the same SKU, region, priority and date
   * exists. The hours it prices are marked dirty.
   */
  public boolean add(PriceRow row) {
    String exists =
        "SELECT 1 FROM cost_price WHERE sku = ? AND region = ? AND priority = ? AND valid_from = ?";
    String insert = "INSERT INTO cost_price (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement select = connection.prepareStatement(exists)) {
        select.setString(1, row.sku());
        select.setString(2, row.region());
        select.setString(3, row.priority().name());
        select.setLong(4, row.validFrom().toEpochMilli());
        try (ResultSet rows = select.executeQuery()) {
          if (rows.next()) {
            return false;
          }
        }
      }
      try (PreparedStatement statement = connection.prepareStatement(insert)) {
        statement.setString(1, row.sku());
        statement.setString(2, row.region());
        statement.setString(3, row.priority().name());
        statement.setLong(4, row.validFrom().toEpochMilli());
        statement.setLong(5, row.microsPerHour());
        statement.setLong(6, row.addedAt().toEpochMilli());
        statement.setString(7, row.addedBy());
        statement.setString(8, row.note());
        statement.executeUpdate();
      } catch (SQLException raced) {
        return false;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot add to the price book", e);
    }
    long from = row.validFrom().toEpochMilli();
    long now = Math.max(from, row.addedAt().toEpochMilli());
    for (VmStore.StoredVm vm : vms.pricedAs(row.sku(), row.region(), row.priority(), from)) {
      long end = vm.deletedAt() == null ? now : vm.deletedAt();
      if (end >= from) {
        dirty.mark(vm.cluster(), Math.max(from, vm.createdAt()), end);
      }
    }
    return true;
  }
}
