package io.yardmaster.bench.api;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one invocation of the status-read benchmark does; see {@link #usage()}.
 *
 * @param levels tracked-job counts at which Livy traffic, CPU and heap are measured; the last is
 *     where status reads are measured
 * @param livyWindow how long Livy traffic is counted at each level
 * @param connections concurrent status-read clients to try, one run each
 * @param readWarmUp unmeasured reading before each read run
 * @param readWindow measured reading per run
 * @param submitters concurrent clients submitting jobs
 * @param runs full repetitions (fresh processes and database each), reported as medians
 * @param jar the Yardmaster application jar
 * @param heap {@code -Xmx} of the Yardmaster process
 * @param serverJvmArgs extra JVM arguments of the Yardmaster process (e.g. a JFR recording)
 * @param workDir where the processes keep their databases and logs
 */
record BenchOptions(
    List<Integer> levels,
    Duration livyWindow,
    List<Integer> connections,
    Duration readWarmUp,
    Duration readWindow,
    int submitters,
    int runs,
    Path jar,
    String heap,
    List<String> serverJvmArgs,
    Path workDir) {

  BenchOptions {
    levels = List.copyOf(levels);
    connections = List.copyOf(connections);
    serverJvmArgs = List.copyOf(serverJvmArgs);
    requireNonNull(jar, "jar is null");
    requireNonNull(workDir, "workDir is null");
    if (levels.isEmpty() || connections.isEmpty() || runs < 1 || submitters < 1) {
      throw new IllegalArgumentException("levels, connections, runs and submitters are needed");
    }
    for (int i = 1; i < levels.size(); i++) {
      if (levels.get(i) <= levels.get(i - 1)) {
        throw new IllegalArgumentException("levels must grow, got " + levels);
      }
    }
  }

  int jobs() {
    return levels.get(levels.size() - 1);
  }

  static String usage() {
    return "usage: StatusReadBenchmark [--smoke] [--levels 100,1000,10000] [--livy-window 30s]"
        + " [--connections 16,32,64] [--read-warm-up 5s] [--read-window 20s] [--submitters 8]"
        + " [--runs 3] [--jar cluster-manager/target/yardmaster.jar] [--heap 1g]"
        + " [--server-jvm-arg ARG]... [--work-dir target/status-reads]";
  }

  static BenchOptions parse(String... args) {
    boolean smoke = Arrays.asList(args).contains("--smoke");
    List<Integer> levels = smoke ? List.of(50, 200) : List.of(100, 1_000, 10_000);
    Duration livyWindow = Duration.ofSeconds(smoke ? 5 : 30);
    List<Integer> connections = smoke ? List.of(4) : List.of(16, 32, 64);
    Duration readWarmUp = Duration.ofSeconds(smoke ? 1 : 5);
    Duration readWindow = Duration.ofSeconds(smoke ? 5 : 20);
    int submitters = smoke ? 4 : 8;
    int runs = smoke ? 1 : 3;
    Path jar = Path.of("cluster-manager/target/yardmaster.jar");
    String heap = "1g";
    List<String> serverJvmArgs = new ArrayList<>();
    Path workDir = Path.of("bench/target/status-reads");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(arg + " needs a value; " + usage());
      }
      String value = args[++i];
      switch (arg) {
        case "--levels" -> levels = integers(value);
        case "--livy-window" -> livyWindow = duration(value);
        case "--connections" -> connections = integers(value);
        case "--read-warm-up" -> readWarmUp = duration(value);
        case "--read-window" -> readWindow = duration(value);
        case "--submitters" -> submitters = Integer.parseInt(value);
        case "--runs" -> runs = Integer.parseInt(value);
        case "--jar" -> jar = Path.of(value);
        case "--heap" -> heap = value;
        case "--server-jvm-arg" -> serverJvmArgs.add(value);
        case "--work-dir" -> workDir = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + arg + "; " + usage());
      }
    }
    return new BenchOptions(
        levels,
        livyWindow,
        connections,
        readWarmUp,
        readWindow,
        submitters,
        runs,
        jar,
        heap,
        serverJvmArgs,
        workDir);
  }

  private static List<Integer> integers(String value) {
    return Arrays.stream(value.split(",")).map(String::trim).map(Integer::valueOf).toList();
  }

  /** {@code 30s}, {@code 2m} or a number of seconds. */
  static Duration duration(String value) {
    String text = value.trim();
    if (text.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(text.substring(0, text.length() - 1)));
    }
    return Duration.ofSeconds(
        Long.parseLong(text.endsWith("s") ? text.substring(0, text.length() - 1) : text));
  }
}
