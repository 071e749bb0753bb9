package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.core.Texts;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.VmSpan;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Every VM's billed life per node pool, table {@code cost_vm}. */
@Singleton
public final class VmStore {
  private final DataSource dataSource;

  public VmStore(DataSource dataSource) {
    // Each call takes its own connection from the pool, outside any transaction proxy.
    this.dataSource =
        DelegatingDataSource.unwrapDataSource(requireNonNull(dataSource, "dataSource is null"));
  }

  /** One row: a VM of a pool, its end null while it is listed. */
  public record StoredVm(
      String pool,
      String instanceId,
      String cluster,
      String name,
      String sku,
      String region,
      Priority priority,
      int vcores,
      long memoryMb,
      long createdAt,
      long lastSeenAt,
      Long deletedAt) {
    VmSpan span() {
      return new VmSpan(
          cluster,
          pool,
          name,
          sku,
          region,
          priority,
          Instant.ofEpochMilli(createdAt),
          deletedAt == null ? null : Instant.ofEpochMilli(deletedAt),
          vcores,
          memoryMb);
    }
  }

  /** The pool's VMs that were listed last time (no end yet). */
  public List<StoredVm> listed(String pool) {
    return select(
        "SELECT " + COLUMNS + " FROM cost_vm WHERE pool = ? AND deleted_at IS NULL", pool);
  }

  /** The cluster's VMs whose life overlaps [from, to). */
  public List<StoredVm> overlapping(String cluster, long from, long to) {
    return select(
        "SELECT "
            + COLUMNS
            + " FROM cost_vm WHERE cluster = ? AND created_at < ?"
            + " AND (deleted_at IS NULL OR deleted_at > ?) ORDER BY pool, instance_id",
        cluster,
        to,
        from);
  }

  /** The pool's VMs whose records ended in [from, to): deleted or evicted then. */
  public List<StoredVm> endedBetween(String pool, long from, long to) {
    return select(
        "SELECT "
            + COLUMNS
            + " FROM cost_vm WHERE pool = ? AND deleted_at >= ? AND deleted_at < ?"
            + " ORDER BY deleted_at, instance_id",
        pool,
        from,
        to);
  }

  /** Every VM of any cluster of a SKU, region and priority whose life reaches past {@code from}. */
  public List<StoredVm> pricedAs(String sku, String region, Priority priority, long from) {
    return select(
        "SELECT "
            + COLUMNS
            + " FROM cost_vm WHERE sku = ? AND region = ? AND priority = ?"
            + " AND (deleted_at IS NULL OR deleted_at > ?)",
        sku,
        region,
        priority.name(),
        from);
  }

  public void insert(StoredVm vm) {
    String sql =
        "INSERT INTO cost_vm (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(sql)) {
      insert.setString(1, vm.pool());
      insert.setString(2, Texts.bounded(vm.instanceId(), 64));
      insert.setString(3, vm.cluster());
      insert.setString(4, Texts.bounded(vm.name(), 128));
      insert.setString(5, Texts.bounded(vm.sku(), 64));
      insert.setString(6, Texts.bounded(vm.region(), 64));
      insert.setString(7, vm.priority().name());
      insert.setInt(8, vm.vcores());
      insert.setLong(9, vm.memoryMb());
      insert.setLong(10, vm.createdAt());
      insert.setLong(11, vm.lastSeenAt());
      insert.setObject(12, vm.deletedAt());
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store VM " + vm.name(), e);
    }
  }

  /** True when the VM has a row (listed or ended). */
  public boolean known(String pool, String instanceId) {
    return !select(
            "SELECT " + COLUMNS + " FROM cost_vm WHERE pool = ? AND instance_id = ?",
            pool,
            instanceId)
        .isEmpty();
  }

  /** Listed at {@code at}: a VM a list had left out by mistake is billed on, without a gap. */
  public void seen(String pool, String instanceId, long at) {
    update(
        "UPDATE cost_vm SET last_seen_at = ?, deleted_at = NULL WHERE pool = ? AND instance_id = ?",
        at,
        pool,
        instanceId);
  }

  public void ended(String pool, String instanceId, long at) {
    update(
        "UPDATE cost_vm SET deleted_at = ? WHERE pool = ? AND instance_id = ? AND deleted_at IS NULL",
        at,
        pool,
        instanceId);
  }

  private void update(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      update.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot update the VM records", e);
    }
  }

  private static final String COLUMNS =
      "pool, instance_id, cluster, vm_name, sku, region, priority, vcores, memory_mb, created_at,"
          + " last_seen_at, deleted_at";

  private List<StoredVm> select(String sql, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<StoredVm> vms = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long deleted = rows.getLong(12);
          Long deletedAt = rows.wasNull() ? null : deleted;
          vms.add(
              new StoredVm(
                  rows.getString(1),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getString(6),
                  Priority.valueOf(rows.getString(7)),
                  rows.getInt(8),
                  rows.getLong(9),
                  rows.getLong(10),
                  rows.getLong(11),
                  deletedAt));
        }
      }
      return vms;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the VM records", e);
    }
  }
}
