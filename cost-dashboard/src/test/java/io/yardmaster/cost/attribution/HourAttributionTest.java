package io.yardmaster.cost.attribution;

import static io.yardmaster.cost.attribution.Fixtures.CLUSTER;
import static io.yardmaster.cost.attribution.Fixtures.MEMORY_MB;
import static io.yardmaster.cost.attribution.Fixtures.VCORES;
import static io.yardmaster.cost.attribution.Fixtures.app;
import static io.yardmaster.cost.attribution.Fixtures.at;
import static io.yardmaster.cost.attribution.Fixtures.flat;
import static io.yardmaster.cost.attribution.Fixtures.vm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.attribution.CostAllocation.Kind;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class HourAttributionTest {
  static final long E16 = 1_008_000; // $1.008 per hour
  static final long VCORE_HOUR = VCORES * 3600L;
  static final long MEMORY_HOUR = MEMORY_MB * 3600L;
  final HourAttribution engine = new HourAttribution(AttributionModel.DEFAULTS);

  List<CostAllocation> attribute(
      String hour, List<AppUsage> apps, List<VmSpan> vms, PriceBook prices) {
    return engine.attribute(CLUSTER, at(hour), at("23:00:00"), apps, vms, prices);
  }

  static CostAllocation row(List<CostAllocation> rows, String pool, String appId) {
    return rows.stream()
        .filter(r -> r.pool().equals(pool) && r.appId().equals(appId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row of " + appId + " in " + pool + ": " + rows));
  }

  static CostAllocation idle(List<CostAllocation> rows, String pool) {
    CostAllocation idle = row(rows, pool, "");
    assertThat(idle.kind()).isEqualTo(Kind.IDLE);
    return idle;
  }

  @Test
  void oneAppAloneOnOneVmForAnHourPaysForWhatItWasAllocated() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(app("a1", at("10:00:00"), at("11:00:00"), VCORE_HOUR / 2, MEMORY_HOUR / 2)),
            List.of(vm("p", "vm1", at("09:00:00"), null)),
            flat(E16, 0));

    CostAllocation app = row(rows, "p", "a1");
    // bill 1,008,000 = CPU 52 % (524,160) + memory (483,840); half of each
    assertThat(app.cpuMicros()).isEqualTo(262_080);
    assertThat(app.memoryMicros()).isEqualTo(241_920);
    assertThat(app.costMicros()).isEqualTo(504_000);
    assertThat(app.vcoreSeconds()).isEqualTo(VCORE_HOUR / 2);
    assertThat(app.idleShareMicros()).isEqualTo(504_000); // the only app takes all the idle
    assertThat(app.idleCauseMicros()).isZero(); // the pool neither grew nor shrank
    assertThat(app.team()).isEqualTo("risk");
    assertThat(app.dagId()).isEqualTo("daily");
    assertThat(app.taskId()).isEqualTo("load");
    assertThat(app.runId()).isEqualTo("r1");
    assertThat(app.jobId()).isEqualTo("a1");
    assertThat(app.finalStatus()).isEqualTo("SUCCEEDED");
    CostAllocation idle = idle(rows, "p");
    assertThat(idle.costMicros()).isEqualTo(504_000);
    assertThat(idle.idleShareMicros()).isZero();
    assertThat(idle.idleCauseMicros()).isEqualTo(504_000);
    assertThat(idle.vcoreSeconds()).isEqualTo(VCORE_HOUR / 2);
    assertThat(rows).hasSize(2);
  }

  @Test
  void anAppUsingTheWholeVmPaysTheWholeBill() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(app("a1", at("10:00:00"), at("11:00:00"), VCORE_HOUR, MEMORY_HOUR)),
            List.of(vm("p", "vm1", at("09:00:00"), null)),
            flat(E16, 0));
    assertThat(row(rows, "p", "a1").costMicros()).isEqualTo(E16);
    assertThat(idle(rows, "p").costMicros()).isZero();
  }

  @Test
  void aPriceChangeAtHalfPastSplitsTheHour() {
    Fixtures.Prices prices =
        new Fixtures.Prices()
            .set(Priority.ON_DEMAND, Instant.EPOCH, 1_000_000)
            .set(Priority.ON_DEMAND, at("10:30:00"), 2_000_000);
    List<CostAllocation> rows =
        attribute("10:00:00", List.of(), List.of(vm("p", "vm1", at("09:00:00"), null)), prices);
    assertThat(idle(rows, "p").costMicros()).isEqualTo(500_000 + 1_000_000);

    Fixtures.Prices oddSecond =
        new Fixtures.Prices()
            .set(Priority.ON_DEMAND, Instant.EPOCH, 3_600_000)
            .set(Priority.ON_DEMAND, at("10:17:42.250"), 7_200_000);
    // 1,063 seconds start before 10:17:42.250 (10:00:00 to 10:17:42) at 1,000 µ$, 2,537 after
    assertThat(
            idle(
                    attribute(
                        "10:00:00",
                        List.of(),
                        List.of(vm("p", "vm1", at("09:00:00"), null)),
                        oddSecond),
                    "p")
                .costMicros())
        .isEqualTo(1_063 * 1_000 + 2_537 * 2_000);
  }

  @Test
  void spotAndOnDemandPoolsBillAtTheirOwnPricesAndAnAppIsSpreadByCapacity() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(app("a1", at("10:00:00"), at("11:00:00"), VCORE_HOUR, MEMORY_HOUR)),
            List.of(
                vm("od", "vm1", Priority.ON_DEMAND, at("09:00:00"), null),
                vm("spot", "vm2", Priority.SPOT, at("09:00:00"), null)),
            flat(1_000_000, 200_000));
    assertThat(row(rows, "od", "a1").vcoreSeconds()).isEqualTo(VCORE_HOUR / 2);
    assertThat(row(rows, "spot", "a1").vcoreSeconds()).isEqualTo(VCORE_HOUR / 2);
    assertThat(row(rows, "od", "a1").costMicros()).isEqualTo(500_000);
    assertThat(row(rows, "spot", "a1").costMicros()).isEqualTo(100_000);
    assertThat(idle(rows, "od").costMicros()).isEqualTo(500_000);
    assertThat(idle(rows, "spot").costMicros()).isEqualTo(100_000);
  }

  @Test
  void anAppSpanningHoursIsSpreadEvenlyAndItsHoursAddUpToItsTotal() {
    AppUsage app = app("a1", at("10:30:00"), at("12:30:00"), 10_001, 7);
    List<VmSpan> vms = List.of(vm("p", "vm1", at("09:00:00"), at("14:00:00")));
    long[] vcores = new long[3];
    long[] memory = new long[3];
    for (int i = 0; i < 3; i++) {
      CostAllocation row =
          row(attribute((10 + i) + ":00:00", List.of(app), vms, flat(E16, 0)), "p", "a1");
      vcores[i] = row.vcoreSeconds();
      memory[i] = row.memoryMbSeconds();
    }
    assertThat(vcores).containsExactly(2_500, 5_000, 2_501);
    assertThat(memory[0] + memory[1] + memory[2]).isEqualTo(7);
  }

  @Test
  void anAppWithoutTagsCountsUnderItsQueueAndUser() {
    AppUsage untagged =
        new AppUsage(
            CLUSTER,
            "application_1_0001",
            at("10:00:00"),
            at("10:00:00"),
            at("10:30:00"),
            at("10:30:00"),
            1000,
            1000,
            0,
            0,
            List.of(),
            "adhoc",
            "alice",
            "FAILED");
    CostAllocation row =
        row(
            attribute(
                "10:00:00",
                List.of(untagged),
                List.of(vm("p", "vm1", at("09:00:00"), null)),
                flat(E16, 0)),
            "p",
            "application_1_0001");
    assertThat(row.team()).isEmpty();
    assertThat(row.dagId()).isEmpty();
    assertThat(row.taskId()).isEmpty();
    assertThat(row.runId()).isEmpty();
    assertThat(row.jobId()).isEmpty();
    assertThat(row.tryNumber()).isEqualTo(-1);
    assertThat(row.mapIndex()).isEqualTo(-1);
    assertThat(row.queue()).isEqualTo("adhoc");
    assertThat(row.yarnUser()).isEqualTo("alice");
    assertThat(row.finalStatus()).isEqualTo("FAILED");
    assertThat(row.costMicros()).isPositive();
  }

  @Test
  void tryAndMapIndexComeFromTheirTagsWhenPresent() {
    AppLabels labels =
        AppLabels.of(List.of("ym-team-risk", "ym-try-3", "ym-map-12", "ym-try-9", "other"));
    assertThat(labels.tryNumber()).isEqualTo(3);
    assertThat(labels.mapIndex()).isEqualTo(12);
    assertThat(AppLabels.of(List.of("ym-try-x")).tryNumber()).isEqualTo(-1);
  }

  @Test
  void overcommittedAppsShareTheBillAndIdleIsNeverNegative() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(
                app("a1", at("10:00:00"), at("11:00:00"), VCORE_HOUR, MEMORY_HOUR),
                app("a2", at("10:00:00"), at("11:00:00"), VCORE_HOUR, MEMORY_HOUR)),
            List.of(vm("p", "vm1", at("09:00:00"), null)),
            flat(E16, 0));
    assertThat(row(rows, "p", "a1").costMicros()).isEqualTo(E16 / 2);
    assertThat(row(rows, "p", "a2").costMicros()).isEqualTo(E16 / 2);
    assertThat(idle(rows, "p").costMicros()).isZero();
    assertThat(idle(rows, "p").cpuMicros()).isZero();
    assertThat(idle(rows, "p").vcoreSeconds()).isZero();
  }

  @Test
  void aRunningAppIsSpreadUpToItsObservationAndMarkedRunning() {
    AppUsage running =
        new AppUsage(
            CLUSTER,
            "a1",
            at("10:00:00"),
            at("10:00:00"),
            null,
            at("10:30:00"),
            VCORE_HOUR / 2,
            0,
            0,
            0,
            List.of("ym-team-risk"),
            "default",
            "spark",
            "UNDEFINED");
    CostAllocation row =
        row(
            attribute(
                "10:00:00",
                List.of(running),
                List.of(vm("p", "vm1", at("09:00:00"), null)),
                flat(E16, 0)),
            "p",
            "a1");
    assertThat(row.finalStatus()).isEqualTo("RUNNING");
    assertThat(row.vcoreSeconds()).isEqualTo(VCORE_HOUR / 2);
    assertThat(row.cpuMicros()).isEqualTo(262_080);
  }

  @Test
  void aVmIsBilledPerStartedSecondInTheHourTheSecondStartsIn() {
    Fixtures.Prices perSecond = flat(3_600_000, 0); // 1,000 µ$ a second
    assertThat(
            idle(
                    attribute(
                        "10:00:00",
                        List.of(),
                        List.of(vm("p", "vm1", at("10:00:00"), at("10:00:10.500"))),
                        perSecond),
                    "p")
                .costMicros())
        .isEqualTo(11_000);
    List<VmSpan> across = List.of(vm("p", "vm1", at("10:59:59.500"), at("11:00:01")));
    assertThat(idle(attribute("10:00:00", List.of(), across, perSecond), "p").costMicros())
        .isEqualTo(1_000);
    assertThat(idle(attribute("11:00:00", List.of(), across, perSecond), "p").costMicros())
        .isEqualTo(1_000);
  }

  @Test
  void aStillRunningVmIsBilledUpToTheTimeOfAttribution() {
    List<CostAllocation> rows =
        engine.attribute(
            CLUSTER,
            at("10:00:00"),
            at("10:15:00"),
            List.of(),
            List.of(vm("p", "vm1", at("09:00:00"), null)),
            flat(3_600_000, 0));
    assertThat(idle(rows, "p").costMicros()).isEqualTo(900 * 1_000);
  }

  @Test
  void theIdleOfAGrowingPoolIsChargedToTheAppsWhoseDemandMadeItGrow() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(
                app("early", at("09:50:00"), at("09:58:00"), 1_000, 0),
                app("grower", at("10:05:00"), at("10:50:00"), 16 * 2400, 0),
                app("longrunner", at("08:00:00"), at("12:00:00"), 16 * 4 * 3600, 0)),
            List.of(vm("p", "vm1", at("07:00:00"), null), vm("p", "vm2", at("10:10:00"), null)),
            flat(E16, 0));
    CostAllocation idle = idle(rows, "p");
    assertThat(idle.costMicros()).isPositive();
    assertThat(idle.idleCauseMicros()).isZero();
    assertThat(row(rows, "p", "longrunner").idleCauseMicros()).isZero();
    // "early" held no container in the hour but was submitted within the grow window
    CostAllocation early = row(rows, "p", "early");
    assertThat(early.costMicros()).isZero();
    assertThat(early.idleShareMicros()).isZero();
    assertThat(early.idleCauseMicros()).isPositive();
    assertThat(row(rows, "p", "grower").idleCauseMicros() + early.idleCauseMicros())
        .isEqualTo(idle.costMicros());
  }

  @Test
  void theDrainTailIsChargedToTheAppsThatRanLast() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00",
            List.of(
                app("last", at("09:00:00"), at("10:40:00"), 16 * 3600, 0),
                app("later", at("10:50:00"), at("11:10:00"), 1000, 0)),
            List.of(vm("p", "vm1", at("07:00:00"), at("11:20:00"))),
            flat(E16, 0));
    CostAllocation idle = idle(rows, "p");
    assertThat(row(rows, "p", "last").idleCauseMicros()).isEqualTo(idle.costMicros());
    assertThat(row(rows, "p", "later").idleCauseMicros()).isZero();
    assertThat(idle.idleCauseMicros()).isZero();
  }

  @Test
  void aPoolWithoutAppsKeepsItsWholeIdle() {
    List<CostAllocation> rows =
        attribute(
            "10:00:00", List.of(), List.of(vm("p", "vm1", at("09:00:00"), null)), flat(E16, 0));
    assertThat(rows).hasSize(1);
    CostAllocation idle = idle(rows, "p");
    assertThat(idle.costMicros()).isEqualTo(E16);
    assertThat(idle.idleShareMicros()).isEqualTo(E16);
    assertThat(idle.idleCauseMicros()).isEqualTo(E16);
  }

  @Test
  void aBilledSecondWithoutAPriceFailsTheHourNamingIt() {
    Fixtures.Prices late = new Fixtures.Prices().set(Priority.ON_DEMAND, at("10:30:00"), E16);
    assertThatThrownBy(
            () ->
                attribute(
                    "10:00:00", List.of(), List.of(vm("p", "vm1", at("09:00:00"), null)), late))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no price for Standard_E16s_v5 in westeurope (on-demand)");
    // a VM that starts after the price row is fine
    assertThat(
            attribute("10:00:00", List.of(), List.of(vm("p", "vm1", at("10:40:00"), null)), late))
        .hasSize(1);
  }

  @Test
  void anHourNotStartingOnTheHourIsRefused() {
    assertThatThrownBy(() -> attribute("10:30:00", List.of(), List.of(), flat(E16, 0)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
