package io.yardmaster.autoscaler.schedule;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.loop.AutoscalerLoop;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.NodePoolConfig;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;
import org.quartz.impl.SchedulerRepository;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.impl.matchers.GroupMatcher;
import org.quartz.utils.DBConnectionManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz ticking every pool. On PostgreSQL a clustered JDBC job store: with several instances on
 * one database each tick runs once, and a silent instance's triggers are taken over after its
 * check-in interval. On any other database (the embedded H2 default) an in-memory job store, not
 * clustered: run one instance only.
 *
 * <p>A tick holds a worker thread only for its reads and at most one write request; cloud
 * operations are followed at later ticks (ADR 0011). The pools' schedules are spread evenly over
 * one tick interval, so that a fleet's ticks (and its ARM requests) do not all fall on the same
 * instant.
 */
@Context
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(property = AutoscalerConfig.PREFIX + ".scheduler-enabled", notEquals = "false")
@Requires(beans = {AutoscalerLoop.class, DataSource.class})
public final class AutoscalerScheduler {
  static final String GROUP = "autoscaler";
  static final String NAME = "yardmaster-autoscaler";
  private static final Logger LOG = LoggerFactory.getLogger(AutoscalerScheduler.class);

  private final Scheduler scheduler;
  private final boolean clustered;

  public AutoscalerScheduler(
      AutoscalerLoop loop,
      ClusterRegistry registry,
      AutoscalerConfig config,
      DataSource pooled,
      @Nullable DataSourceResolver resolver)
      throws SchedulerException {
    // Quartz takes its own connections: never Micronaut Data's transaction-bound proxy.
    DataSource dataSource = resolver == null ? pooled : resolver.resolve(pooled);
    this.clustered = QuartzSchema.isPostgres(dataSource);
    Properties properties = new Properties();
    properties.setProperty("org.quartz.scheduler.instanceName", NAME);
    properties.setProperty("org.quartz.scheduler.instanceId", config.instanceId());
    properties.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    properties.setProperty(
        "org.quartz.threadPool.threadCount", Integer.toString(config.schedulerThreads()));
    // Triggers due at the same instant (after a take-over, say) are acquired together.
    properties.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionMaxCount",
        Integer.toString(config.schedulerThreads()));
    properties.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
    if (clustered) {
      QuartzSchema.ensure(dataSource);
      // Quartz looks data sources up by name in a JVM-wide registry: one name per instance.
      String dataSourceName = "yardmaster-" + UUID.randomUUID();
      DBConnectionManager.getInstance()
          .addConnectionProvider(dataSourceName, new DataSourceConnectionProvider(dataSource));
      properties.setProperty(
          "org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
      properties.setProperty(
          "org.quartz.jobStore.driverDelegateClass",
          "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
      properties.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
      properties.setProperty("org.quartz.jobStore.tablePrefix", "qrtz_");
      properties.setProperty("org.quartz.jobStore.isClustered", "true");
      properties.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
      properties.setProperty(
          "org.quartz.jobStore.clusterCheckinInterval",
          Long.toString(config.clusterCheckinInterval().toMillis()));
    } else {
      properties.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      LOG.warn("Quartz runs on an in-memory job store (not PostgreSQL): not clustered");
    }
    this.scheduler = new StdSchedulerFactory(properties).getScheduler();
    // The repository holds one scheduler per name per JVM; instances here are told apart by id.
    SchedulerRepository.getInstance().remove(NAME);
    scheduler.setJobFactory((bundle, ignored) -> new PoolTickJob(loop));
    schedulePools(registry, config);
    scheduler.start();
  }

  private void schedulePools(ClusterRegistry registry, AutoscalerConfig config)
      throws SchedulerException {
    Set<JobKey> wanted = new HashSet<>();
    List<NodePoolConfig> pools = registry.pools();
    Instant first = Instant.now().plus(config.tick());
    for (int i = 0; i < pools.size(); i++) {
      NodePoolConfig pool = pools.get(i);
      JobKey key = JobKey.jobKey(pool.name(), GROUP);
      wanted.add(key);
      JobDetail job =
          JobBuilder.newJob(PoolTickJob.class)
              .withIdentity(key)
              .usingJobData(PoolTickJob.POOL, pool.name())
              .build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity(TriggerKey.triggerKey(pool.name(), GROUP))
              .forJob(key)
              .startAt(Date.from(first.plus(offset(config.tick(), i, pools.size()))))
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(config.tick().toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build();
      try {
        if (!scheduler.checkExists(key)) {
          scheduler.scheduleJob(job, trigger);
        }
      } catch (ObjectAlreadyExistsException e) {
        LOG.debug("pool {} scheduled by another instance meanwhile", pool.name());
      }
    }
    for (JobKey existing : scheduler.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
      if (!wanted.contains(existing)) {
        scheduler.deleteJob(existing);
      }
    }
  }

  /** Pool {@code index} of {@code count} is due {@code index / count} of a tick after the first. */
  static Duration offset(Duration tick, int index, int count) {
    return Duration.ofMillis(tick.toMillis() * index / Math.max(1, count));
  }

  public boolean clustered() {
    return clustered;
  }

  @PreDestroy
  public void close() throws SchedulerException {
    scheduler.shutdown(true);
  }
}
