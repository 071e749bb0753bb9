package io.yardmaster.web.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Revokes a token in one transaction that first locks every active admin token: two admins revoking
 * the last two admin tokens at once cannot both succeed, so someone can always administer.
 */
@Singleton
@Requires(beans = DataSource.class)
public final class AdminTokenGuard {
  private final DataSource dataSource;

  public AdminTokenGuard(DataSource dataSource) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
  }

  /**
   * Revokes {@code token} at {@code now}; false when it was revoked meanwhile.
   *
   * @throws ApiException LAST_ADMIN_TOKEN when it is the only active admin token left
   */
  boolean revoke(ApiToken token, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        boolean revoked = revoke(connection, token, now);
        connection.commit();
        return revoked;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot revoke token " + token.id(), e);
    }
  }

  private static boolean revoke(Connection connection, ApiToken token, Instant now)
      throws SQLException {
    if (token.role() == Role.ADMIN) {
      List<String> admins = activeAdminsLocked(connection, now);
      if (admins.size() <= 1 && admins.contains(token.id())) {
        throw new ApiException(
            ApiErrorCode.LAST_ADMIN_TOKEN,
            "token "
                + token.id()
                + " is the last active admin token: issue another admin token before revoking it");
      }
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE api_token SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
      update.setObject(1, now.atOffset(ZoneOffset.UTC));
      update.setString(2, token.id());
      return update.executeUpdate() == 1;
    }
  }

  private static List<String> activeAdminsLocked(Connection connection, Instant now)
      throws SQLException {
    String sql =
        "SELECT id FROM api_token WHERE role = 'ADMIN' AND revoked_at IS NULL"
            + " AND (expires_at IS NULL OR expires_at > ?) FOR UPDATE";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setObject(1, now.atOffset(ZoneOffset.UTC));
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString("id"));
        }
      }
      return ids;
    }
  }
}
