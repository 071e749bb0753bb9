package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.core.Roles;
import io.yardmaster.core.lease.Leases;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The cost role's collection loops, each under its own lease so that one replica reads the RMs
 * ({@value #APPS_LEASE}) and the scale sets ({@value #VMS_LEASE}) whatever the number of replicas.
 */
@Singleton
@Requires(property = Roles.COST, notEquals = "false")
@Requires(property = CollectConfig.PREFIX + ".enabled", notEquals = "false")
public final class CostCollection {
  public static final String APPS_LEASE = "cost.collect.apps";
  public static final String VMS_LEASE = "cost.collect.vms";

  private final AppCollector apps;
  private final VmCollector vms;
  private final Leases leases;
  private final Clock clock;
  private final CollectConfig config;

  public CostCollection(
      AppCollector apps, VmCollector vms, Leases leases, Clock clock, CollectConfig config) {
    this.apps = requireNonNull(apps, "apps is null");
    this.vms = requireNonNull(vms, "vms is null");
    this.leases = requireNonNull(leases, "leases is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
  }

  @Scheduled(fixedDelay = CollectConfig.INTERVAL, initialDelay = CollectConfig.INITIAL_DELAY)
  void collectApps() {
    if (leases.hold(APPS_LEASE, clock.instant(), Leases.ttlFor(config.interval()))) {
      apps.collectAll();
    }
  }

  @Scheduled(fixedDelay = CollectConfig.VM_INTERVAL, initialDelay = CollectConfig.INITIAL_DELAY)
  void collectVms() {
    if (leases.hold(VMS_LEASE, clock.instant(), Leases.ttlFor(config.vmInterval()))) {
      vms.collectAll();
    }
  }
}
