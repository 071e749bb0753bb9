package io.yardmaster.jobs;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.TaskScheduler;
import io.yardmaster.core.Roles;
import io.yardmaster.core.lease.Leases;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.submission.JobSubmitter;
import io.yardmaster.jobs.tracking.JobTracker;
import io.yardmaster.jobs.tracking.TrackerLag;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the job loops, each under a lease so that it runs on one replica at a time (ADR 0013): the
 * submitter as one loop (routing chooses among every cluster), the tracker once per cluster. The
 * replica that holds a lease renews it on each pass; when it stops, another takes the lease over
 * (at once after a clean stop, within the lease after a crash). Tests drive {@link
 * JobSubmitter#runOnce} and {@link JobTracker#runOnce} themselves.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
public final class JobLoops {
  private static final Logger LOG = LoggerFactory.getLogger(JobLoops.class);
  static final String SUBMITTER = "jobs.submitter";
  static final String TRACKER = "jobs.tracker.";

  private final TaskScheduler scheduler;
  private final Leases leases;
  private final Clock clock;
  private final JobsConfig config;
  private final ClusterRegistry registry;
  private final JobSubmitter submitter;
  private final JobTracker tracker;
  private final TrackerLag lag;

  public JobLoops(
      @Named(TaskExecutors.SCHEDULED) TaskScheduler scheduler,
      Leases leases,
      Clock clock,
      JobsConfig config,
      ClusterRegistry registry,
      JobSubmitter submitter,
      JobTracker tracker,
      TrackerLag lag) {
    this.scheduler = scheduler;
    this.leases = leases;
    this.clock = clock;
    this.config = config;
    this.registry = registry;
    this.submitter = submitter;
    this.tracker = tracker;
    this.lag = lag;
  }

  @EventListener
  void start(StartupEvent event) {
    every(config.submitInterval(), SUBMITTER, submitter::tookOver, submitter::runOnce, () -> {});
    for (ClusterConfig cluster : registry.clusters()) {
      String name = cluster.name();
      every(
          config.trackInterval(),
          TRACKER + name,
          () -> {},
          now -> {
            lag.holding(name, now);
            tracker.runOnce(cluster, now);
            lag.tracked(name, now);
          },
          () -> lag.released(name));
    }
  }

  /**
   * Runs {@code pass} every {@code interval} while this replica holds {@code lease}, and {@code
   * taken} first on each pass that took the lease (it was not this replica's on the pass before),
   * and {@code lost} on each pass that found it another replica's.
   */
  private void every(
      Duration interval, String lease, Runnable taken, Consumer<Instant> pass, Runnable lost) {
    Duration ttl = Leases.ttlFor(interval);
    AtomicBoolean held = new AtomicBoolean();
    scheduler.scheduleWithFixedDelay(
        Duration.ofSeconds(1),
        interval,
        () -> {
          Instant now = clock.instant();
          try {
            boolean holds = leases.hold(lease, now, ttl);
            if (holds && !held.getAndSet(true)) {
              LOG.info("{}: this replica ({}) took the lease", lease, leases.holder());
              taken.run();
            }
            held.set(holds);
            if (holds) {
              pass.accept(now);
            } else {
              lost.run();
            }
          } catch (RuntimeException e) {
            LOG.warn("{} failed; retrying next pass", lease, e);
          }
        });
  }
}
