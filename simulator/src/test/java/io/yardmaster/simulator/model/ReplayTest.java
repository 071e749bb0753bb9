package io.yardmaster.simulator.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.core.registry.Sku;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplayTest {
  /** The first 300 jobs of {@code traces/fb2009-day.csv}. */
  private static final Path HEAD = Path.of("src/test/resources/traces/fb2009-head.csv");

  private static final Sku E16 = new Sku("Standard_E16s_v5", 16, 131072, 16, 114688);

  @Test
  void parsesTheTraceFormat() {
    Trace trace =
        Trace.parse(
            new StringReader(
                Trace.HEADER
                    + "\nj2,30,ads,dag_2,t,3,4,16384,1,4096,200\nj1,10,bi,dag_1,t,2,8,32768,2,8192,180\n"),
            "inline");

    assertThat(trace.jobs()).extracting(TraceJob::jobId).containsExactly("j1", "j2");
    TraceJob first = trace.jobs().get(0);
    assertThat(first)
        .isEqualTo(new TraceJob("j1", 10, "bi", "dag_1", "t", 2, 8, 32768, 2, 8192, 180));
    assertThat(first.toSpec().executor()).isEqualTo(new Resources(32768, 8));
    assertThat(first.toSpec().tags()).contains("team-bi", "dag-dag_1");
  }

  @Test
  void namesTheLineOfABadRow() {
    assertThatThrownBy(
            () -> Trace.parse(new StringReader(Trace.HEADER + "\nj1,x,bi,d,t,2,8,1,1,1,1\n"), "t"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("t:2: bad row");
    assertThatThrownBy(() -> Trace.parse(new StringReader("job_id,submit_s\n"), "t"))
        .hasMessageContaining("missing column team");
  }

  @Test
  void interleavedCopiesShiftIdsAndSubmitTimes() {
    Trace trace =
        Trace.parse(
            new StringReader(
                Trace.HEADER
                    + "\nj1,10,bi,dag_1,t,2,8,32768,2,8192,180\nj2,11,ads,dag_2,t,3,4,16384,1,4096,200\n"),
            "inline");

    Trace three = trace.interleaved(3);

    assertThat(three.source()).isEqualTo("inline x3");
    assertThat(three.jobs())
        .extracting(job -> job.jobId() + "@" + job.submitSeconds())
        .containsExactly("j1@10", "j2@11", "j1-1@11", "j2-1@12", "j1-2@12", "j2-2@13");
    assertThat(three.jobs().get(2))
        .isEqualTo(new TraceJob("j1-1", 11, "bi", "dag_1", "t", 2, 8, 32768, 2, 8192, 180));
    assertThat(trace.interleaved(1)).isEqualTo(trace);
    assertThatThrownBy(() -> trace.interleaved(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shortTraceReplayCompletesEveryJobAndCallsTheHook() {
    Trace trace = Trace.read(HEAD);
    assertThat(trace.jobs()).hasSize(300);
    Fleet fleet = Replay.fixedFleet(E16, 120, 1);
    List<Long> ticks = new ArrayList<>();

    ReplayReport report =
        new Replay(
                trace,
                fleet,
                Replay.CLUSTER,
                Duration.ofSeconds(30),
                (f, now) -> ticks.add(now.toEpochMilli()),
                Duration.ofHours(12))
            .run();

    assertThat(report.complete()).isTrue();
    assertThat(report.succeeded()).isEqualTo(300);
    assertThat(report.eventsProcessed()).isGreaterThan(600);
    assertThat(report.peakHeapBytes()).isPositive();
    assertThat(report.vmSeconds()).isEqualTo(120 * report.simulatedSeconds());
    assertThat(ticks).hasSize((int) (report.simulatedSeconds() / 30));
    assertThat(ticks.get(0)).isEqualTo(30_000);
  }

  @Test
  void hookCanResizeTheFleet() {
    Trace trace =
        Trace.parse(new StringReader(Trace.HEADER + "\nj1,0,bi,d,t,2,4,16384,1,4096,60\n"), "t");
    Fleet fleet = Replay.fixedFleet(E16, 0, 1);
    ReplayHook growOnce =
        (f, now) -> {
          SimulatedScaleSet pool = f.scaleSet(Replay.SCALE_SET).orElseThrow();
          if (pool.capacity() == 0) {
            pool.setCapacity(1);
          }
        };

    ReplayReport report =
        new Replay(
                trace, fleet, Replay.CLUSTER, Duration.ofSeconds(10), growOnce, Duration.ofHours(1))
            .run();

    assertThat(report.succeeded()).isEqualTo(1);
    // the VM was asked for at the first tick and booted in minutes: the job waited for it
    assertThat(report.p95QueueingSeconds()).isGreaterThan(60);
  }
}
