package io.yardmaster.web.errors;

import io.micronaut.data.connection.exceptions.ConnectionException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a failure is the database being out of reach, whatever layer wrapped it (Micronaut Data,
 * the transaction manager, our own JDBC code): somewhere in its causes, a connection the pool could
 * not hand out in time, a connection refused or broken (SQLState class 08), a pooled connection
 * found closed when Micronaut Data prepared it ({@link ConnectionException}), or a server shutting
 * down or refusing connections for now (57P01-57P03). A constraint or a syntax error is not.
 */
final class DatabaseOutage {
  private static final Set<String> SHUTTING_DOWN = Set.of("57P01", "57P02", "57P03");
  private static final int MAX_DEPTH = 20;

  private DatabaseOutage() {}

  /** The connection failure's own message, when {@code failure} is an outage. */
  static Optional<String> of(Throwable failure) {
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++) {
      if (connectionFailure(cause)) {
        return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
      cause = cause.getCause() == cause ? null : cause.getCause();
    }
    return Optional.empty();
  }

  private static boolean connectionFailure(Throwable cause) {
    if (cause instanceof SQLTransientConnectionException
        || cause instanceof SQLNonTransientConnectionException
        || cause instanceof ConnectionException) {
      return true;
    }
    if (cause instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      return state.startsWith("08") || SHUTTING_DOWN.contains(state);
    }
    return false;
  }
}
