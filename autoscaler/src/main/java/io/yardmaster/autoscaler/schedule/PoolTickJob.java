package io.yardmaster.autoscaler.schedule;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.autoscaler.store.DecisionRecord;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tick of one pool, at its trigger's scheduled time. Never two at once for a pool, across the
 * whole Quartz cluster.
 */
@DisallowConcurrentExecution
final class PoolTickJob implements Job {
  static final String POOL = "pool";
  private static final Logger LOG = LoggerFactory.getLogger(PoolTickJob.class);

  private final AutoscalerLoop loop;

  PoolTickJob(AutoscalerLoop loop) {
    this.loop = requireNonNull(loop, "loop is null");
  }

  @Override
  public void execute(JobExecutionContext context) {
    String pool = context.getMergedJobDataMap().getString(POOL);
    try {
      DecisionRecord decision = loop.runOnce(pool, context.getScheduledFireTime().toInstant());
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
