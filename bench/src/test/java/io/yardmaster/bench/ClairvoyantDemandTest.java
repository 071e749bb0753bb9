package io.yardmaster.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.registry.Sku;
import io.yardmaster.simulator.model.Trace;
import java.io.StringReader;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClairvoyantDemandTest {
  private static final Sku NODE = new Sku("test", 8, 65536, 8, 32768);

  @Test
  void sweepsOverlappingJobsIntoNodeCounts() {
    // job a: 1 + 2x2 = 5 cores, 1024 + 2x8192 = 17408 MB, from 0 to 100 s
    // job b: 1 + 4x2 = 9 cores, 1024 + 4x4096 = 17408 MB, from 50 to 150 s
    Trace trace =
        Trace.parse(
            new StringReader(
                "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
                    + "driver_cores,driver_memory_mb,duration_s\n"
                    + "a,0,t,d,x,2,2,8192,1,1024,100\n"
                    + "b,50,t,d,y,4,2,4096,1,1024,100\n"),
            "test");
    ClairvoyantDemand demand = ClairvoyantDemand.of(trace);

    assertThat(demand.peakCores()).isEqualTo(14);
    // together: 14 cores -> 2 nodes, 34816 MB -> 2 nodes (32768 MB each)
    assertThat(demand.peakNodes(NODE)).isEqualTo(2);
    // 0-50: a alone, 5 cores / 17408 MB -> 1 node; 50-100: 2 nodes; 100-150: b alone -> 2 nodes
    // (9 cores > 8): 50 x 1 + 50 x 2 + 50 x 2 = 250 node-seconds
    assertThat(demand.nodeSeconds(NODE)).isEqualTo(250);
    // n(t): 0 -> 1 -> 2 -> 2 -> 0: two nodes added; LB1 = 250 + 60 s x 2
    assertThat(demand.nodesAdded(NODE)).isEqualTo(2);
    assertThat(demand.bootAwareNodeSeconds(NODE, Duration.ofMinutes(1))).isEqualTo(370);
    // one node a third of the time, two nodes two thirds
    assertThat(demand.timeQuantileNodes(NODE, 0.3)).isEqualTo(1);
    assertThat(demand.timeQuantileNodes(NODE, 0.9)).isEqualTo(2);
    assertThat(demand.nodesAt(NODE, 10)).isEqualTo(1);
    assertThat(demand.nodesAt(NODE, 160)).isZero();
  }
}
