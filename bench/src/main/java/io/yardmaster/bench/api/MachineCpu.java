package io.yardmaster.bench.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU seconds all processes on this machine have used (busy, all cores), from /proc/stat. */
final class MachineCpu {
  private static final double CLOCK_TICKS_PER_SECOND = 100;

  private MachineCpu() {}

  static double busySeconds() throws IOException {
    return busySeconds(Files.readAllLines(Path.of("/proc/stat")).get(0));
  }

  /** Busy time of the aggregate {@code cpu} line: everything but idle and iowait. */
  static double busySeconds(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (!fields[0].equals("cpu")) {
      throw new IllegalArgumentException("not the aggregate cpu line: " + cpuLine);
    }
    long busy = 0;
    for (int i = 1; i < Math.min(fields.length, 9); i++) {
      if (i != 4 && i != 5) {
        busy += Long.parseLong(fields[i]);
      }
    }
    return busy / CLOCK_TICKS_PER_SECOND;
  }
}
