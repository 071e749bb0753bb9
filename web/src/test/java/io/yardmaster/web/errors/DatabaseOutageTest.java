package io.yardmaster.web.errors;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.data.connection.exceptions.ConnectionException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** Which failures are the database out of reach, however deep the layers wrapped them. */
class DatabaseOutageTest {
  @Test
  void connectionFailuresAreOutagesThroughAnyWrapping() {
    Throwable poolTimeout =
        new IllegalStateException(
            "could not open a connection",
            new RuntimeException(
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
    assertThat(DatabaseOutage.of(poolTimeout))
        .hasValueSatisfying(reason -> assertThat(reason).contains("Connection is not available"));
    assertThat(DatabaseOutage.of(new RuntimeException(new SQLNonTransientConnectionException())))
        .isPresent();
    // a pooled connection broken while the database was away, as Micronaut Data reports it
    assertThat(
            DatabaseOutage.of(
                new ConnectionException(
                    "Could not set JDBC Connection read-only: Connection is closed",
                    new SQLException("Connection is closed"))))
        .isPresent();
    // PostgreSQL's driver: connection refused (08001), broken mid-query (08006), shutting down
    for (String state : new String[] {"08001", "08006", "57P01", "57P03"}) {
      assertThat(DatabaseOutage.of(new RuntimeException(new SQLException("x", state))))
          .as(state)
          .isPresent();
    }
  }

  @Test
  void otherDatabaseErrorsAndBugsAreNot() {
    assertThat(
            DatabaseOutage.of(
                new RuntimeException(new SQLIntegrityConstraintViolationException("dup", "23505"))))
        .isEmpty();
    assertThat(DatabaseOutage.of(new RuntimeException(new SQLException("syntax", "42601"))))
        .isEmpty();
    assertThat(DatabaseOutage.of(new RuntimeException(new SQLException("no state")))).isEmpty();
    assertThat(DatabaseOutage.of(new NullPointerException())).isEmpty();
  }

  @Test
  void aCauseChainWithoutEndIsWalkedABoundedWay() {
    RuntimeException first = new RuntimeException("first");
    RuntimeException second = new RuntimeException("second", first);
    first.initCause(second);

    assertThat(DatabaseOutage.of(second)).isEmpty();
  }
}
