package io.yardmaster.autoscaler.store;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.core.fleet.ScaleEvent;
import io.yardmaster.core.fleet.ScaleEvents;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;

/**
 * The pools' grows and VM deletes from the autoscaler's decision records, for the cost role's
 * markers. Not tied to the autoscaler role: a replica running only the cost role reads the records
 * the autoscaler replicas wrote to the same database.
 */
@Singleton
@Requires(beans = DataSource.class)
public final class StoredScaleEvents implements ScaleEvents {
  private final HistoryRows rows;

  public StoredScaleEvents(DataSource dataSource, @Nullable DataSourceResolver resolver) {
    requireNonNull(dataSource, "dataSource is null");
    this.rows =
        new HistoryRows(new Jdbc(resolver == null ? dataSource : resolver.resolve(dataSource)));
  }

  @Override
  public List<ScaleEvent> between(String pool, Instant start, Instant end, int limit) {
    return rows.resized(pool, start, end, limit).stream()
        .map(
            decision ->
                new ScaleEvent(
                    decision.pool(),
                    decision.tickAt(),
                    decision.action() == ScalingAction.GROW
                        ? ScaleEvent.Kind.GROW
                        : ScaleEvent.Kind.SHRINK,
                    decision.capacity(),
                    decision.target(),
                    decision.removedVms()))
        .toList();
  }
}
