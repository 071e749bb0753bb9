package io.yardmaster.autoscaler.schedule;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.store.DecisionRecord;
import java.time.Duration;
import java.time.Instant;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of one pool, at its trigger's scheduled time. Never two at once for a pool, across the
 * whole Quartz cluster. The decision keeps when the tick was due and when it began: a tick that
 * begins more than {@link #LATE} after its schedule is logged.
 */
@DisallowConcurrentExecution
final class PoolTickJob implements Job {
  static final String POOL = "pool";
  static final Duration LATE = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(PoolTickJob.class);

  private final AutoscalerLoop loop;

  PoolTickJob(AutoscalerLoop loop) {
    this.loop = requireNonNull(loop, "loop is null");
  }

  @Override
  public void execute(JobExecutionContext context) {
    Instant started = Instant.now();
    String pool = context.getMergedJobDataMap().getString(POOL);
    Instant scheduled = context.getScheduledFireTime().toInstant();
    Duration lag = Duration.between(scheduled, started);
    if (lag.compareTo(LATE) > 0) {
      LOG.warn("pool {}: tick due at {} began {} ms late", pool, scheduled, lag.toMillis());
    }
    try {
      DecisionRecord decision = loop.runOnce(pool, scheduled, started);
      LOG.info(
          "pool {}: {} {} target {}: {}",
          pool,
          decision.action(),
          decision.outcome(),
          decision.target(),
          decision.reason());
    } catch (RuntimeException e) {
      LOG.error("pool {}: tick failed", pool, e);
    }
  }
}
