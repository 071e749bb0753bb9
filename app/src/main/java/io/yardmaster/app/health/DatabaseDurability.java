package io.yardmaster.app.health;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Property;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes every database Yardmaster ships durable at commit, checked at start-up. H2 keeps a commit
 * in memory for up to its {@code WRITE_DELAY} (500 ms by default), so a {@code kill -9} lost jobs
 * already answered 201: it is set to 0, each commit written to the file before the answer.
 * PostgreSQL with {@code synchronous_commit=off} loses its latest commits in a crash of the
 * database: start-up refuses it unless {@code yardmaster.database.allow-asynchronous-commit} says
 * the operator accepts that (the submitter's look-ups still keep such a loss from starting an app
 * twice).
 */
@Context
public final class DatabaseDurability {
  public static final String ALLOW_ASYNC = "yardmaster.database.allow-asynchronous-commit";
  private static final Logger LOG = LoggerFactory.getLogger(DatabaseDurability.class);

  public DatabaseDurability(
      DataSource dataSource,
      @Property(name = ALLOW_ASYNC, defaultValue = "false") boolean allowAsynchronous) {
    try (Connection connection = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
        Statement statement = connection.createStatement()) {
      String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
      if (product.contains("h2")) {
        statement.execute("SET WRITE_DELAY 0");
      } else if (product.contains("postgres")) {
        try (ResultSet row = statement.executeQuery("SHOW synchronous_commit")) {
          String setting = row.next() ? row.getString(1) : "on";
          if ("off".equalsIgnoreCase(setting)) {
            if (!allowAsynchronous) {
              throw new InvalidConfigurationException(
                  "PostgreSQL runs with synchronous_commit=off: a crash of the database would lose"
                      + " jobs Yardmaster already accepted. Set it to on (or local), or set "
                      + ALLOW_ASYNC
                      + "=true to accept that");
            }
            LOG.warn("PostgreSQL runs with synchronous_commit=off, accepted by {}", ALLOW_ASYNC);
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot check the database's durability", e);
    }
  }
}
