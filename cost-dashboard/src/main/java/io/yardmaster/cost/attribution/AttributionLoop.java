package io.yardmaster.cost.attribution;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.yardmaster.core.Roles;
import io.yardmaster.core.lease.Leases;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the attribution job every {@code yardmaster.cost.attribution.interval} on the one replica
 * that holds the lease {@value #LEASE} (ADR 0013): attribution writes whole hours, and two replicas
 * replacing the same hour would only do the work twice. Needs the cost role and the collection's
 * {@link AttributionInputs}. Tests drive {@link AttributionJob#runOnce} themselves.
 */
@Singleton
@Requires(property = AttributionLoop.ROLE, notEquals = "false")
@Requires(beans = {AttributionInputs.class, DataSource.class, Leases.class})
public final class AttributionLoop {
  /** The cost role's switch (core Roles gains it with the cost role's wiring). */
  public static final String ROLE = Roles.COST;

  static final String LEASE = "cost.attribution";
  private static final Logger LOG = LoggerFactory.getLogger(AttributionLoop.class);

  private final TaskScheduler scheduler;
  private final Leases leases;
  private final Clock clock;
  private final Duration interval;
  private final AttributionJob job;

  public AttributionLoop(
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      Leases leases,
      Clock clock,
      AttributionConfig config,
      AttributionInputs inputs,
      DataSource dataSource) {
    this.scheduler = scheduler;
    this.leases = leases;
    this.clock = clock;
    this.interval = config.interval();
    this.job =
        new AttributionJob(
            inputs,
            new HourAttribution(config.model()),
            new AllocationStore(dataSource),
            config.batch(),
            config.retryAfter());
  }

  public AttributionJob job() {
    return job;
  }

  @EventListener
  void start(StartupEvent event) {
    Duration ttl = Leases.ttlFor(interval);
    AtomicBoolean held = new AtomicBoolean();
    scheduler.scheduleWithFixedDelay(
        Duration.ofSeconds(5),
        interval,
        () -> {
          Instant now = clock.instant();
          try {
            boolean holds = leases.hold(LEASE, now, ttl);
            if (holds && !held.getAndSet(true)) {
              LOG.info("{}: this replica ({}) took the lease", LEASE, leases.holder());
              job.tookOver();
            }
            held.set(holds);
            if (holds) {
              AttributionJob.Pass pass = job.runOnce(now);
              if (pass.attributed() + pass.failed() > 0) {
                LOG.debug("{}: {}", LEASE, pass);
              }
            }
          } catch (RuntimeException e) {
            LOG.warn("{} failed; retrying next pass", LEASE, e);
          }
        });
  }
}
