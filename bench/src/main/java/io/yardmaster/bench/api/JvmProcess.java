package io.yardmaster.bench.api;

import io.yardmaster.peers.harness.YardmasterLaunch;
import io.yardmaster.peers.harness.YardmasterProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Yardmaster JVM started for the benchmark through the shared launcher ({@link
 * YardmasterProcess}): its log goes to a file in the run's folder, it is ready when {@code /health}
 * answers, and it can tell its CPU time (from /proc) and its heap (through jcmd).
 */
final class JvmProcess implements AutoCloseable {
  private static final Pattern USED = Pattern.compile("used (\\d+)K");
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private final YardmasterProcess process;

  private JvmProcess(YardmasterProcess process) {
    this.process = process;
  }

  /** Starts {@code java <jvmArgs> -jar jar} with the given properties, waiting for /health. */
  static JvmProcess start(
      String name,
      Path jar,
      List<String> jvmArgs,
      Map<String, String> properties,
      Map<String, String> environment,
      Path workDir,
      int port,
      Duration timeout)
      throws IOException {
    return new JvmProcess(
        YardmasterProcess.start(
            new YardmasterLaunch(
                name,
                jar,
                jvmArgs,
                properties,
                environment,
                workDir,
                workDir.resolve(name + ".log"),
                port,
                timeout)));
  }

  int port() {
    return process.port();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return process.log();
  }

  /** User plus system CPU seconds this process has used so far. */
  double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / (double) CLOCK_TICKS_PER_SECOND;
  }

  /** Heap in use now, then the live heap after a full collection, in MB. */
  double[] heapMegabytes() throws IOException, InterruptedException {
    double inUse = heapUsed();
    jcmd("GC.run");
    return new double[] {inUse, heapUsed()};
  }

  private double heapUsed() throws IOException, InterruptedException {
    String info = jcmd("GC.heap_info");
    long kilobytes = 0;
    for (String line : info.split("\n")) {
      String trimmed = line.trim();
      boolean total =
          trimmed.startsWith("garbage-first heap")
              || trimmed.startsWith("PSYoungGen")
              || trimmed.startsWith("ParOldGen")
              || trimmed.startsWith("def new generation")
              || trimmed.startsWith("tenured generation");
      Matcher used = USED.matcher(trimmed);
      if (total && used.find()) {
        kilobytes += Long.parseLong(used.group(1));
      }
    }
    if (kilobytes == 0) {
      throw new IllegalStateException("no heap figure in jcmd's answer: " + info);
    }
    return kilobytes / 1024.0;
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process run =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!run.waitFor(60, TimeUnit.SECONDS) || run.exitValue() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  @Override
  public void close() {
    process.close();
  }

  static void deleteQuietly(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(JvmProcess::delete);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
