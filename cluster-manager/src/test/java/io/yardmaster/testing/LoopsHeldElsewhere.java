package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Order;
import io.micronaut.runtime.event.annotation.EventListener;
import io.yardmaster.core.lease.JdbcLeases;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * With {@value #PROPERTY}: another replica holds the job loops' leases (ADR 0012) for ten years,
 * taken at start-up before the first scheduled pass, so this replica's scheduled loops never run
 * and the test drives {@code runOnce(now)} itself. The names are the ones JobLoops takes.
 */
@jakarta.inject.Singleton
@Requires(property = LoopsHeldElsewhere.PROPERTY, value = "true")
public final class LoopsHeldElsewhere {
  public static final String PROPERTY = "yardmaster.test.loops-held-elsewhere";
  static final Duration TEN_YEARS = Duration.ofDays(3650);

  private final JdbcLeases otherReplica;
  private final ClusterRegistry registry;

  public LoopsHeldElsewhere(DataSource dataSource, ClusterRegistry registry) {
    this.otherReplica = new JdbcLeases(dataSource, -1);
    this.registry = registry;
  }

  @EventListener
  @Order(Integer.MIN_VALUE)
  void hold(StartupEvent event) {
    Instant now = Instant.now();
    hold("jobs.submitter", now);
    for (ClusterConfig cluster : registry.clusters()) {
      hold("jobs.tracker." + cluster.name(), now);
    }
  }

  private void hold(String lease, Instant now) {
    if (!otherReplica.hold(lease, now, TEN_YEARS)) {
      throw new IllegalStateException("the loops' lease " + lease + " was taken first");
    }
  }
}
