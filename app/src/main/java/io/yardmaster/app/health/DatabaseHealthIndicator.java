package io.yardmaster.app.health;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.health.HealthConfig;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * Reports the database in {@code /health} from a probe that runs in the background every {@code
 * yardmaster.health.interval}: reading health never runs a query, so the anonymous endpoint cannot
 * be used to load the database (Micronaut's own JDBC indicator queries on every call and is
 * switched off).
 */
@Singleton
public final class DatabaseHealthIndicator implements HealthIndicator {
  private final DataSource dataSource;
  private final Clock clock;
  private final AtomicReference<HealthResult> last =
      new AtomicReference<>(
          HealthResult.builder("database", HealthStatus.UNKNOWN)
              .details(Map.of("detail", "not probed yet"))
              .build());

  public DatabaseHealthIndicator(DataSource dataSource, Clock clock) {
    this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    this.clock = clock;
    probe();
  }

  @Scheduled(fixedDelay = HealthConfig.INTERVAL, initialDelay = HealthConfig.INITIAL_DELAY)
  void probe() {
    Instant start = clock.instant();
    HealthResult result;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      result =
          HealthResult.builder("database", HealthStatus.UP)
              .details(
                  Map.of(
                      "product",
                      connection.getMetaData().getDatabaseProductName(),
                      "checkedAt",
                      start.toString()))
              .build();
    } catch (SQLException | RuntimeException e) {
      result =
          HealthResult.builder("database", HealthStatus.DOWN)
              .details(
                  Map.of("detail", String.valueOf(e.getMessage()), "checkedAt", start.toString()))
              .build();
    }
    last.set(result);
  }

  @Override
  public Publisher<HealthResult> getResult() {
    return Mono.just(last.get());
  }
}
