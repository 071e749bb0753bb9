package io.yardmaster.autoscaler.loop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.TestDatabases;
import io.yardmaster.autoscaler.demand.DemandSource;
import io.yardmaster.autoscaler.nodepool.CloudOperation;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.autoscaler.nodepool.NodePoolVm;
import io.yardmaster.autoscaler.nodepool.OperationProgress;
import io.yardmaster.autoscaler.nodepool.ScaleSetState;
import io.yardmaster.autoscaler.policy.ScalingAction;
import io.yardmaster.autoscaler.policy.ScalingDecision;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.DecisionRecord.Outcome;
import io.yardmaster.autoscaler.store.PoolOperation;
import io.yardmaster.autoscaler.store.PoolOperation.State;
import io.yardmaster.autoscaler.yarn.NodeDecommissioner;
import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.ResourceManager;
import io.yardmaster.core.registry.ClusterRegistry;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A tick starts a cloud write and returns; the write's long-running operation is followed at the
 * next ticks, on the ARM emulator slowed down to 10 minutes (simulated) per operation, through the
 * real Azure SDK. Time is the simulation's, skipped forward by the test.
 */
class OperationsOnSimulatedFleetIT {
  private static final Duration SLOW = Duration.ofMinutes(10);
  private static final String POOL = SimulatedFleetFixture.POOL;

  private static Map<String, Object> slowArm(TestDatabases.Kind database) {
    Map<String, Object> settings = new HashMap<>(TestDatabases.settings(database));
    settings.put("yardmaster.simulator.arm.operation-duration", SLOW.toMinutes() + "m");
    return settings;
  }

  @Test
  void aGrowIsStartedThenFollowedAndNoSecondGrowStartsWhileItRuns() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), slowArm(TestDatabases.Kind.H2))) {
      int[] wanted = {5};
      TestPolicy policy =
          TestPolicy.scripted(snapshot -> ScalingDecision.grow(wanted[0], "scripted growth"));
      AutoscalerLoop loop = fleet.loop(policy);

      // Waiting for the 10-minute operation would never return within the limit.
      DecisionRecord started =
          assertTimeoutPreemptively(Duration.ofSeconds(30), () -> loop.runOnce(POOL, fleet.now()));

      assertThat(started.action()).isEqualTo(ScalingAction.GROW);
      assertThat(started.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(started.reason()).contains("grow to 5 (IN_PROGRESS");
      PoolOperation inFlight = fleet.store().operation(POOL).orElseThrow();
      assertThat(inFlight.state()).isEqualTo(State.IN_PROGRESS);
      assertThat(inFlight.kind()).isEqualTo(PoolOperation.Kind.GROW);
      assertThat(inFlight.target()).isEqualTo(5);
      assertThat(inFlight.reference()).startsWith("async http://");
      long writes = fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID);

      wanted[0] = 8;
      fleet.skip(Duration.ofSeconds(10));
      DecisionRecord held = loop.runOnce(POOL, fleet.now());

      assertThat(held.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(held.reason()).contains("no second grow while grow to 5 (IN_PROGRESS for ");
      assertThat(fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID))
          .as("no second write")
          .isEqualTo(writes);
      assertThat(policy.seen().get(1).capacity()).as("the grow counts in full").isEqualTo(5);
      assertThat(policy.seen().get(1).bootingVms()).as("still booting").isEqualTo(3);

      fleet.skip(SLOW);
      DecisionRecord after = loop.runOnce(POOL, fleet.now());

      PoolOperation done = fleet.store().operation(POOL).orElseThrow();
      assertThat(done.id()).isNotEqualTo(inFlight.id());
      assertThat(after.reason()).contains("grow to 5 (SUCCEEDED after ");
      assertThat(after.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(8);
      assertThat(done.target()).isEqualTo(8);
      assertThat(done.state()).isEqualTo(State.IN_PROGRESS);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aRestartedAutoscalerFollowsTheOperationInFlightAndStartsNoSecond(
      TestDatabases.Kind database) {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), slowArm(database))) {
      TestPolicy grow = TestPolicy.scripted(snapshot -> ScalingDecision.grow(6, "scripted"));
      assertThat(fleet.loop(grow).runOnce(POOL, fleet.now()).outcome()).isEqualTo(Outcome.APPLIED);
      long writes = fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID);

      // Another replica (or this one after a restart): the stored operation is followed.
      TestPolicy growMore = TestPolicy.scripted(snapshot -> ScalingDecision.grow(9, "scripted"));
      fleet.skip(Duration.ofMinutes(2));
      DecisionRecord other = fleet.loop(growMore).runOnce(POOL, fleet.now());

      assertThat(other.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(other.reason()).contains("grow to 6 (IN_PROGRESS");
      assertThat(fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID)).isEqualTo(writes);

      fleet.skip(SLOW);
      fleet.loop(growMore).runOnce(POOL, fleet.now());
      assertThat(fleet.scaleSet().capacity()).isEqualTo(9);
    }
  }

  /**
   * kill -9 between the write reaching ARM and ARM's answer being stored: the stored operation has
   * no reference, and the scale set's read shows the write running. The next autoscaler follows it
   * by that read and writes nothing until it is over.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.Kind.class)
  void aProcessKilledAfterItsWriteReachedTheCloudLeavesTheOperationForTheNextTick(
      TestDatabases.Kind database) {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), slowArm(database))) {
      AtomicReference<PoolOperation> storedBeforeTheWrite = new AtomicReference<>();
      AutoscalerLoop dying =
          loopWithPools(
              fleet,
              TestPolicy.scripted(snapshot -> ScalingDecision.grow(5, "scripted")),
              pool ->
                  new DyingAfterWrite(
                      pool, () -> storedBeforeTheWrite.set(fleet.store().operation(POOL).get())));

      assertThatThrownBy(() -> dying.runOnce(POOL, fleet.now())).isInstanceOf(ProcessDied.class);

      assertThat(storedBeforeTheWrite.get().state())
          .as("stored and committed before the write was sent")
          .isEqualTo(State.STARTING);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(5);
      assertThat(fleet.store().decisions(POOL, 10)).isEmpty();
      long writes = fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID);

      TestPolicy growMore = TestPolicy.scripted(snapshot -> ScalingDecision.grow(7, "scripted"));
      fleet.skip(Duration.ofMinutes(1));
      DecisionRecord next = fleet.loop(growMore).runOnce(POOL, fleet.now());

      assertThat(next.action()).isEqualTo(ScalingAction.HOLD);
      assertThat(next.reason()).contains("Updating: a write still runs");
      assertThat(fleet.armWrites(SimulatedFleetFixture.SCALE_SET_ID))
          .as("no second write")
          .isEqualTo(writes);

      fleet.skip(SLOW);
      DecisionRecord over = fleet.loop(growMore).runOnce(POOL, fleet.now());
      assertThat(over.reason()).contains("grow to 5 (ENDED");
      assertThat(over.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(7);
    }
  }

  /** kill -9 after the operation was stored but before its write left: the next tick writes. */
  @Test
  void aProcessKilledBeforeItsWriteLeftIsFollowedByOneWrite() {
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), slowArm(TestDatabases.Kind.H2))) {
      AutoscalerLoop dying =
          loopWithPools(
              fleet,
              TestPolicy.scripted(snapshot -> ScalingDecision.grow(5, "scripted")),
              DyingBeforeWrite::new);
      assertThatThrownBy(() -> dying.runOnce(POOL, fleet.now())).isInstanceOf(ProcessDied.class);
      assertThat(fleet.store().operation(POOL).orElseThrow().state()).isEqualTo(State.STARTING);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(2);

      DecisionRecord next =
          fleet
              .loop(TestPolicy.scripted(snapshot -> ScalingDecision.grow(5, "scripted")))
              .runOnce(POOL, fleet.now());

      assertThat(next.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(next.reason()).contains("no write runs");
      assertThat(fleet.scaleSet().capacity()).isEqualTo(5);
      assertThat(fleet.store().operation(POOL).orElseThrow().state()).isEqualTo(State.IN_PROGRESS);
    }
  }

  @Test
  void anOperationFollowedLongerThanTheTimeoutIsAbandonedAndThePoolDecidesAgain() {
    Map<String, Object> settings = slowArm(TestDatabases.Kind.H2);
    settings.put("yardmaster.autoscaler.operation-timeout", "5m");
    try (SimulatedFleetFixture fleet =
        new SimulatedFleetFixture(2, Duration.ofSeconds(30), settings)) {
      int[] wanted = {4};
      AutoscalerLoop loop =
          fleet.loop(TestPolicy.scripted(snapshot -> ScalingDecision.grow(wanted[0], "scripted")));
      loop.runOnce(POOL, fleet.now());

      wanted[0] = 6;
      fleet.skip(Duration.ofMinutes(6));
      DecisionRecord after = loop.runOnce(POOL, fleet.now());

      assertThat(after.reason())
          .contains("grow to 4 (ABANDONED after ")
          .contains("still running after PT5M");
      assertThat(after.outcome()).isEqualTo(Outcome.APPLIED);
      assertThat(fleet.scaleSet().capacity()).isEqualTo(6);
    }
  }

  /** The loop over the fixture's pools, each wrapped. */
  private static AutoscalerLoop loopWithPools(
      SimulatedFleetFixture fleet, TestPolicy policy, Function<NodePool, NodePool> wrap) {
    var context = fleet.autoscalerContext();
    List<NodePool> pools = context.getBeansOfType(NodePool.class).stream().map(wrap).toList();
    return new AutoscalerLoop(
        context.getBean(ClusterRegistry.class),
        pools,
        context.getBean(ResourceManager.class),
        context.getBean(NodeManagerApps.class),
        context.getBean(DemandSource.class),
        context.getBean(NodeDecommissioner.class),
        policy,
        fleet.store(),
        context.getBean(AutoscalerConfig.class),
        "dying",
        null);
  }

  /** What a kill -9 does to the thread: nothing after it runs, no catch block sees it. */
  private static final class ProcessDied extends Error {
    ProcessDied() {
      super("killed");
    }
  }

  /** Sends the write, then dies before the answer is stored. */
  private static final class DyingAfterWrite extends Delegating {
    private final Runnable beforeTheWrite;

    DyingAfterWrite(NodePool pool, Runnable beforeTheWrite) {
      super(pool);
      this.beforeTheWrite = beforeTheWrite;
    }

    @Override
    public CloudOperation setCapacity(int target, String etag) {
      beforeTheWrite.run();
      pool.setCapacity(target, etag);
      throw new ProcessDied();
    }
  }

  /** Dies before the write leaves. */
  private static final class DyingBeforeWrite extends Delegating {
    DyingBeforeWrite(NodePool pool) {
      super(pool);
    }

    @Override
    public CloudOperation setCapacity(int target, String etag) {
      throw new ProcessDied();
    }
  }

  private abstract static class Delegating implements NodePool {
    final NodePool pool;

    Delegating(NodePool pool) {
      this.pool = pool;
    }

    @Override
    public String poolName() {
      return pool.poolName();
    }

    @Override
    public ScaleSetState read() {
      return pool.read();
    }

    @Override
    public List<NodePoolVm> vms() {
      return pool.vms();
    }

    @Override
    public CloudOperation deleteInstances(Set<String> instanceIds) {
      return pool.deleteInstances(instanceIds);
    }

    @Override
    public OperationProgress follow(String reference) {
      return pool.follow(reference);
    }
  }
}
