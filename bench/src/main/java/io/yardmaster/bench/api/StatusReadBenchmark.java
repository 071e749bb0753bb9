package io.yardmaster.bench.api;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster manager under load (issue 3, "Measured"): Yardmaster and the simulated fleet (3
 * clusters) in two processes; jobs submitted through the API until 100, 1,000 and 10,000 are
 * tracked; at each level Livy requests per minute per cluster, CPU and heap; at the last level,
 * status reads per second and their latency at saturation, plain and with If-None-Match. Prints
 * each run and then the medians over runs as Markdown. Run by {@code bench/status-reads.sh}.
 */
public final class StatusReadBenchmark {
  static final String HOST = "127.0.0.1";
  static final List<String> CLUSTERS = List.of("alpha", "beta", "gamma");
  private static final Duration ALL_RUNNING_TIMEOUT = Duration.ofMinutes(20);

  private StatusReadBenchmark() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options = BenchOptions.parse(args);
    List<RunResult> runs = run(options);
    ResultTables.print(options, runs, System.out);
  }

  static List<RunResult> run(BenchOptions options) throws Exception {
    List<RunResult> runs = new ArrayList<>();
    for (int run = 1; run <= options.runs(); run++) {
      log("run %d of %d", run, options.runs());
      runs.add(runOnce(options, options.workDir().resolve("run-" + run)));
    }
    return runs;
  }

  private static RunResult runOnce(BenchOptions options, Path runDir) throws Exception {
    try (BenchStack stack = BenchStack.start(options, runDir);
        HttpConnection yardmaster = new HttpConnection(HOST, stack.yardmaster().port());
        HttpConnection simulator = new HttpConnection(HOST, stack.simulator().port())) {
      log(
          "yardmaster pid %d, simulator pid %d, in %s",
          stack.yardmaster().pid(), stack.simulator().pid(), runDir);
      String token = YardmasterCalls.teamToken(yardmaster, stack.adminToken());
      List<String> ids = new ArrayList<>();
      List<Double> rates = new ArrayList<>();
      List<Latencies> submissionLatencies = new ArrayList<>();
      List<RunResult.Level> levels = new ArrayList<>();
      for (int level : options.levels()) {
        long start = System.nanoTime();
        SubmissionLoad.Result submitted =
            SubmissionLoad.submit(
                HOST, stack.yardmaster().port(), token, ids.size(), level, options.submitters());
        ids.addAll(submitted.ids());
        rates.addAll(
            submitted.batchRates().isEmpty()
                ? List.of(submitted.overallRate())
                : submitted.batchRates());
        submissionLatencies.add(submitted.latency());
        log("submitted up to %d jobs: %.0f/s", level, submitted.overallRate());
        awaitAllRunning(yardmaster, simulator, token, level);
        double toRunning = (System.nanoTime() - start) / 1e9;
        levels.add(measureLevel(stack, simulator, level, toRunning, options.livyWindow()));
      }
      Latencies submissions = Latencies.merge(submissionLatencies);
      List<String> etags = Etags.of(HOST, stack.yardmaster().port(), token, ids);
      List<RunResult.Reads> reads = new ArrayList<>();
      for (int connections : options.connections()) {
        for (boolean conditional : List.of(false, true)) {
          reads.add(measureReads(stack, options, token, ids, etags, connections, conditional));
        }
      }
      return new RunResult(
          rates, submissions.quantileMillis(0.5), submissions.quantileMillis(0.99), levels, reads);
    }
  }

  private static void awaitAllRunning(
      HttpConnection yardmaster, HttpConnection simulator, String token, int jobs)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + ALL_RUNNING_TIMEOUT.toNanos();
    long nextLog = 0;
    while (System.nanoTime() < deadline) {
      for (String failed : List.of("FAILED", "LOST", "KILLED")) {
        if (YardmasterCalls.anyIn(yardmaster, token, failed)) {
          throw new IllegalStateException("a job ended " + failed + "; see the Yardmaster log");
        }
      }
      boolean waiting = false;
      for (String state : List.of("QUEUED", "SUBMITTING", "STARTING")) {
        waiting = waiting || YardmasterCalls.anyIn(yardmaster, token, state);
      }
      Map<String, Integer> running = YardmasterCalls.appsRunning(simulator, CLUSTERS);
      int total = running.values().stream().mapToInt(Integer::intValue).sum();
      if (!waiting && total >= jobs) {
        log("all %d jobs RUNNING and tracked: YARN apps running %s", jobs, running);
        return;
      }
      if (System.nanoTime() > nextLog) {
        log("waiting for %d jobs to run: YARN apps running %s", jobs, running);
        nextLog = System.nanoTime() + 10_000_000_000L;
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(jobs + " jobs did not all run in " + ALL_RUNNING_TIMEOUT);
  }

  private static RunResult.Level measureLevel(
      BenchStack stack, HttpConnection simulator, int jobs, double toRunning, Duration window)
      throws IOException, InterruptedException {
    // one tracker tick (2 s) for the jobs that just started to be seen RUNNING
    Thread.sleep(3000);
    Map<String, Map<String, Long>> before = YardmasterCalls.livyRequests(simulator);
    double yardmasterCpu = stack.yardmaster().cpuSeconds();
    double simulatorCpu = stack.simulator().cpuSeconds();
    long start = System.nanoTime();
    Thread.sleep(window.toMillis());
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Map<String, Long>> after = YardmasterCalls.livyRequests(simulator);
    double yardmasterShare = (stack.yardmaster().cpuSeconds() - yardmasterCpu) / seconds * 100;
    double simulatorShare = (stack.simulator().cpuSeconds() - simulatorCpu) / seconds * 100;
    Map<String, Double> perCluster = new TreeMap<>();
    Map<String, Double> perOperation = new TreeMap<>();
    for (String cluster : CLUSTERS) {
      Map<String, Long> was = before.getOrDefault(cluster, Map.of());
      double total = 0;
      for (Map.Entry<String, Long> operation : after.getOrDefault(cluster, Map.of()).entrySet()) {
        double perMinute =
            (operation.getValue() - was.getOrDefault(operation.getKey(), 0L)) * 60 / seconds;
        total += perMinute;
        perOperation.merge(operation.getKey(), perMinute / CLUSTERS.size(), Double::sum);
      }
      perCluster.put(cluster, total);
    }
    double[] heap = stack.yardmaster().heapMegabytes();
    RunResult.Level level =
        new RunResult.Level(
            jobs,
            toRunning,
            perCluster,
            perOperation,
            yardmasterShare,
            simulatorShare,
            heap[0],
            heap[1]);
    log(
        "%d jobs tracked: Livy requests/min by cluster %s, by operation %s; CPU yardmaster %.0f%%,"
            + " simulator %.0f%%; heap in use %.0f MB, live %.0f MB",
        jobs,
        rounded(perCluster),
        rounded(perOperation),
        yardmasterShare,
        simulatorShare,
        heap[0],
        heap[1]);
    return level;
  }

  private static RunResult.Reads measureReads(
      BenchStack stack,
      BenchOptions options,
      String token,
      List<String> ids,
      List<String> etags,
      int connections,
      boolean conditional)
      throws IOException, InterruptedException {
    String bearer = "Bearer " + token;
    OperatingSystemMXBean self =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    double yardmasterCpu = stack.yardmaster().cpuSeconds();
    double simulatorCpu = stack.simulator().cpuSeconds();
    long clientCpu = self.getProcessCpuTime();
    double machineCpu = MachineCpu.busySeconds();
    long start = System.nanoTime();
    LoadRun.Result load =
        LoadRun.run(
            HOST,
            stack.yardmaster().port(),
            connections,
            options.readWarmUp(),
            options.readWindow(),
            (connection, random) -> {
              int i = random.nextInt(ids.size());
              Map<String, String> headers = new HashMap<>();
              headers.put("Authorization", bearer);
              if (conditional) {
                headers.put("If-None-Match", etags.get(i));
              }
              return connection.get("/api/v1/jobs/" + ids.get(i), headers);
            });
    double seconds = (System.nanoTime() - start) / 1e9;
    double yardmasterShare = (stack.yardmaster().cpuSeconds() - yardmasterCpu) / seconds * 100;
    double simulatorShare = (stack.simulator().cpuSeconds() - simulatorCpu) / seconds * 100;
    double clientShare = (self.getProcessCpuTime() - clientCpu) / 1e9 / seconds * 100;
    double machineShare = (MachineCpu.busySeconds() - machineCpu) / seconds * 100;
    RunResult.Reads reads =
        new RunResult.Reads(
            connections,
            conditional,
            load,
            yardmasterShare,
            simulatorShare,
            clientShare,
            Math.max(0, machineShare - yardmasterShare - simulatorShare - clientShare),
            loadAverage());
    log(
        "%s: %.0f reads/s, p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.1f ms, statuses %s,"
            + " errors %d; CPU yardmaster %.0f%%, simulator %.0f%%, load generator %.0f%%,"
            + " other processes %.0f%%; load %.2f",
        reads.name(),
        load.perSecond(),
        load.p50(),
        load.p99(),
        load.p999(),
        load.max(),
        load.statuses(),
        load.errors(),
        reads.yardmasterCpu(),
        reads.simulatorCpu(),
        reads.clientCpu(),
        reads.otherCpu(),
        reads.loadAverage());
    return reads;
  }

  static double loadAverage() throws IOException {
    return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
  }

  private static Map<String, Long> rounded(Map<String, Double> values) {
    Map<String, Long> rounded = new TreeMap<>();
    values.forEach((key, value) -> rounded.put(key, Math.round(value)));
    return rounded;
  }

  static void log(String format, Object... values) {
    System.out.printf(Locale.ROOT, "[%tT] " + format + "%n", prepend(new java.util.Date(), values));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }
}
