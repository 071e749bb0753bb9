package io.yardmaster.cost.dashboard;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.AutoscalerStore;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.collect.VmStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A day and a half of autoscaler ticks of two node pools, stored as the loop stores them (the
 * autoscaler's {@link AutoscalerStore#saveDecision}, every 30 s of every pool), for the dashboard's
 * Capacity page. Demand follows a daily wave (each pool its own size and hour of peak); a small
 * policy grows to it when YARN has pending requests (VMs register 4 minutes later), shrinks when
 * nodes stay free, fails one grow in eight at the cloud and one capacity read in 700. Beside them,
 * a few spot evictions of a third pool in the cost role's VM records, for the DAG page's markers.
 */
final class CapacityHistory {
  static final String CLUSTER_A = "alpha";
  static final String POOL_A = "alpha-ondemand";
  static final String CLUSTER_B = "beta";
  static final String POOL_B = "beta-ondemand";
  static final String SPOT_POOL = "alpha-spot";
  static final int MAX_NODES = 40;
  private static final Duration TICK = Duration.ofSeconds(30);
  private static final int BOOT_TICKS = 8;
  private static final int VCORES = 8;

  private CapacityHistory() {}

  /** The node pools and their clusters, as the autoscaler is configured; nothing is reached. */
  static Map<String, Object> settings() {
    Map<String, Object> settings = new HashMap<>();
    for (String[] pool :
        List.of(new String[] {CLUSTER_A, POOL_A}, new String[] {CLUSTER_B, POOL_B})) {
      String cluster = "yardmaster.clusters." + pool[0] + ".";
      settings.put(cluster + "livy-url", "http://localhost:1/livy");
      settings.put(cluster + "resource-manager-url", "http://localhost:1/rm");
      String key = "yardmaster.node-pools." + pool[1] + ".";
      settings.put(key + "cluster", pool[0]);
      settings.put(
          key + "scale-set-id",
          "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg-cost"
              + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
              + pool[1]);
      settings.put(key + "sku-name", "Standard_D8s_v5");
      settings.put(key + "vm-cores", VCORES);
      settings.put(key + "vm-memory-mb", 32768);
      settings.put(key + "max-nodes", MAX_NODES);
    }
    // The ticks are the test's: no scheduler, and the peers are never called.
    settings.put("yardmaster.autoscaler.scheduler-enabled", false);
    settings.put("yardmaster.autoscaler.decommissioner", "simulator");
    settings.put("yardmaster.azure.endpoint", "http://localhost:1/");
    return settings;
  }

  /** Writes the ticks of both pools from {@code hours} before {@code now} up to it. */
  static void write(AutoscalerStore store, Instant now, int hours) {
    requireNonNull(store, "store is null");
    Instant start = now.minus(Duration.ofHours(hours));
    new Pool(POOL_A, CLUSTER_A, 4, 22, 2.0).write(store, start, now);
    new Pool(POOL_B, CLUSTER_B, 2, 9, 17.0).write(store, start, now);
  }

  /** The instance ids a shrink deletes (made up: no VM list is kept here). */
  private static List<String> removed(ScalingAction action, String pool, int tick, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; action == ScalingAction.SHRINK && i < count; i++) {
      ids.add(pool + "-" + tick + "-" + i);
    }
    return ids;
  }

  /**
   * Spot VMs of {@code alpha-spot} that left without a delete, as the cost role's VM records show
   * them: three at one pass a day before {@code now}, two at a pass 8 hours before it.
   */
  static void evictions(VmStore vms, Instant now) {
    Instant created = now.minus(Duration.ofDays(2));
    String[][] evicted = {{"0", "24"}, {"1", "24"}, {"2", "24"}, {"3", "8"}, {"4", "8"}};
    for (String[] vm : evicted) {
      vms.insert(
          new VmStore.StoredVm(
              SPOT_POOL,
              vm[0],
              CLUSTER_A,
              SPOT_POOL + "_" + vm[0],
              "Standard_D8s_v5",
              "westeurope",
              Priority.SPOT,
              VCORES,
              32768,
              created.toEpochMilli(),
              created.toEpochMilli(),
              null));
      vms.ended(
          SPOT_POOL, vm[0], now.minus(Duration.ofHours(Long.parseLong(vm[1]))).toEpochMilli());
    }
  }

  /** One pool's simulation: demand base + amplitude at the peak hour (UTC), in nodes. */
  private record Pool(String name, String cluster, int base, int amplitude, double peakHour) {
    void write(AutoscalerStore store, Instant start, Instant end) {
      int capacity = base;
      int nodes = base;
      Deque<Integer> booting = new ArrayDeque<>();
      int freeTicks = 0;
      int grows = 0;
      int tick = 0;
      for (Instant at = start; at.isBefore(end); at = at.plus(TICK), tick++) {
        while (!booting.isEmpty() && booting.peekFirst() <= tick) {
          booting.removeFirst();
          nodes++;
        }
        double hour = (at.getEpochSecond() % 86_400) / 3600.0;
        double wave = Math.cos((hour - peakHour) / 24.0 * 2 * Math.PI);
        double burst = (tick / 40) % 9 == 0 ? 0.25 * amplitude : 0;
        double demand = base + amplitude * Math.max(0, wave) + burst;
        long demandVcores = Math.round(demand * VCORES);
        int busy = (int) Math.min(nodes, Math.ceil(demandVcores / (double) VCORES));
        int free = nodes - busy;
        long pendingVcores = Math.max(0, demandVcores - (long) nodes * VCORES);
        int needed = (int) Math.min(MAX_NODES, Math.ceil(demandVcores / (double) VCORES));
        freeTicks = free >= 2 ? freeTicks + 1 : 0;
        boolean readFails = tick % 700 == 699;
        ScalingAction action = ScalingAction.HOLD;
        Outcome outcome = Outcome.NONE;
        int target = capacity;
        String reason = "demand met: " + busy + " of " + nodes + " nodes busy, nothing pending";
        if (readFails) {
          outcome = Outcome.FAILED;
          reason = "capacity read failed: ARM answered 503 (transient); holding";
        } else if (pendingVcores > 0 && needed > capacity) {
          action = ScalingAction.GROW;
          target = needed;
          grows++;
          reason =
              pendingVcores
                  + " pending vcores need "
                  + (needed - capacity)
                  + " more nodes: grow "
                  + capacity
                  + " -> "
                  + needed;
          if (grows % 8 == 0) {
            outcome = Outcome.FAILED;
            reason += "; the scale set's write failed: 409 OperationNotAllowed";
          } else {
            outcome = Outcome.APPLIED;
            for (int i = capacity; i < needed; i++) {
              booting.addLast(tick + BOOT_TICKS);
            }
            capacity = needed;
          }
        } else if (freeTicks >= 20 && booting.isEmpty() && nodes > base) {
          int remove = Math.min(free - 1, nodes - base);
          action = ScalingAction.SHRINK;
          outcome = Outcome.APPLIED;
          target = nodes - remove;
          reason = free + " nodes free for 10 minutes: decommission and delete " + remove;
          freeTicks = 0;
        }
        store.saveDecision(
            new DecisionRecord(
                null,
                name,
                cluster,
                at,
                "yardmaster",
                action,
                outcome,
                readFails ? null : capacity,
                target,
                booting.size(),
                nodes,
                free,
                pendingVcores,
                pendingVcores * 3584,
                1500,
                false,
                removed(action, name, tick, nodes - target),
                reason,
                "capacity-test"));
        if (action == ScalingAction.SHRINK) {
          nodes = target;
          capacity = target;
        }
      }
    }
  }
}
