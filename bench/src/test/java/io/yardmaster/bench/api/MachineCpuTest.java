package io.yardmaster.bench.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MachineCpuTest {
  @Test
  void countsUserNiceSystemIrqSoftirqAndStealButNotIdleOrIowait() {
    // user nice system idle iowait irq softirq steal guest guest_nice
    String line = "cpu  1000 50 300 90000 400 10 20 5 0 0";

    assertThat(MachineCpu.busySeconds(line)).isEqualTo((1000 + 50 + 300 + 10 + 20 + 5) / 100.0);
  }

  @Test
  void refusesAPerCoreLine() {
    assertThatThrownBy(() -> MachineCpu.busySeconds("cpu0 1 2 3 4 5 6 7 8"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
