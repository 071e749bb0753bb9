package io.yardmaster.simulator.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerTrafficFilterTest {
  @Test
  void foldsIdsSoThatOneOperationIsOneCounter() {
    assertThat(PeerTrafficFilter.operation("GET", "/sim/alpha/livy/batches"))
        .contains(new PeerTrafficFilter.PeerCall("alpha", "livy", "GET /batches"));
    assertThat(PeerTrafficFilter.operation("GET", "/sim/alpha/livy/batches/17/state"))
        .contains(new PeerTrafficFilter.PeerCall("alpha", "livy", "GET /batches/{id}/state"));
    assertThat(PeerTrafficFilter.operation("DELETE", "/sim/beta-2/livy/batches/3"))
        .contains(new PeerTrafficFilter.PeerCall("beta-2", "livy", "DELETE /batches/{id}"));
    assertThat(
            PeerTrafficFilter.operation(
                "PUT", "/sim/alpha/rm/ws/v1/cluster/apps/application_1795259218000_0042/state"))
        .contains(
            new PeerTrafficFilter.PeerCall("alpha", "rm", "PUT /ws/v1/cluster/apps/{id}/state"));
  }

  @Test
  void ignoresPathsOfNoPeer() {
    assertThat(PeerTrafficFilter.operation("GET", "/sim/clock")).isEmpty();
    assertThat(PeerTrafficFilter.operation("GET", "/sim/alpha/livy-admin/fault")).isEmpty();
    assertThat(PeerTrafficFilter.operation("GET", "/api/v1/jobs")).isEmpty();
  }

  @Test
  void countsPerClusterPeerAndOperation() {
    PeerTraffic traffic = new PeerTraffic();

    traffic.record("alpha", "livy", "GET /batches");
    traffic.record("alpha", "livy", "GET /batches");
    traffic.record("alpha", "rm", "GET /ws/v1/cluster/apps");
    traffic.record("beta", "livy", "POST /batches");

    assertThat(traffic.snapshot())
        .isEqualTo(
            Map.of(
                "alpha",
                Map.of(
                    "livy", Map.of("GET /batches", 2L),
                    "rm", Map.of("GET /ws/v1/cluster/apps", 1L)),
                "beta",
                Map.of("livy", Map.of("POST /batches", 1L))));
  }
}
