package io.yardmaster.cost;

import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.collect.VmStore;
import java.time.Instant;
import java.util.List;

/**
 * A pool's past as the autoscaler and the cost role store it: decision ticks and VM records, for
 * the tests of the pools' scale events and evictions. A pool named {@code alpha-*} is cluster
 * alpha's, any other beta's.
 */
public final class PoolHistory {
  private PoolHistory() {}

  /** An autoscaler tick of {@code pool} at {@code at} that deleted {@code removed}. */
  public static DecisionRecord tick(
      String pool,
      String at,
      ScalingAction action,
      Outcome outcome,
      int capacity,
      int target,
      List<String> removed) {
    return new DecisionRecord(
        null,
        pool,
        cluster(pool),
        Instant.parse(at),
        "yardmaster",
        action,
        outcome,
        capacity,
        target,
        0,
        capacity,
        0,
        0,
        0,
        1000,
        false,
        removed,
        action + " " + outcome,
        "events-test");
  }

  /** A VM of {@code pool} created on 2026-11-01, its record ended at {@code ended} unless null. */
  public static void vm(VmStore vms, String pool, String id, Priority priority, String ended) {
    long created = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
    vms.insert(
        new VmStore.StoredVm(
            pool,
            id,
            cluster(pool),
            pool + "_" + id,
            "Standard_D8s_v5",
            "westeurope",
            priority,
            8,
            32768,
            created,
            created,
            null));
    if (ended != null) {
      vms.ended(pool, id, Instant.parse(ended).toEpochMilli());
    }
  }

  private static String cluster(String pool) {
    return pool.startsWith("alpha") ? "alpha" : "beta";
  }
}
