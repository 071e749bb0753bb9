package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Short statements and transactions on the application's database, for the autoscaler's stores. */
final class Jdbc {
  static final String UNIQUE_VIOLATION = "23505";

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = requireNonNull(dataSource, "dataSource is null");
  }

  /** One statement in its own transaction; the rows it changed. */
  int update(String sql, Binder binder) {
    int[] changed = {0};
    inTransaction(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            binder.bind(statement);
            changed[0] = statement.executeUpdate();
          }
        });
    return changed[0];
  }

  <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      List<T> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(mapper.map(result));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  void inTransaction(Work work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        work.run(connection);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  /** Work on one connection in autocommit mode: each statement commits on its own. */
  void autoCommitted(Work work) {
    try (Connection connection = dataSource.getConnection()) {
      work.run(connection);
    } catch (SQLException e) {
      throw failure(e);
    }
  }

  static IllegalStateException failure(SQLException e) {
    return new IllegalStateException("autoscaler store: " + e.getMessage(), e);
  }

  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  interface Work {
    void run(Connection connection) throws SQLException;
  }
}
