package io.yardmaster.peers.harness;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The Yardmaster application jar running in a JVM of its own, as {@link YardmasterLaunch} says:
 * started and waited for until {@code /health} answers 200, stopped with SIGTERM ({@link #close()})
 * or SIGKILL ({@link #kill()}: nothing in the process gets to run, as in a crashed node or an OOM
 * kill). Used by the cluster manager's crash tests and by the benchmarks.
 */
public final class YardmasterProcess implements AutoCloseable {
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final int TAIL_LINES = 20;

  private final YardmasterLaunch launch;
  private final Process process;

  private YardmasterProcess(YardmasterLaunch launch, Process process) {
    this.launch = launch;
    this.process = process;
  }

  /**
   * Starts the JVM and waits until {@code /health} answers 200; the log is appended to, after a
   * line naming the process and its command, so that a restart keeps the first run's lines.
   */
  public static YardmasterProcess start(YardmasterLaunch launch) throws IOException {
    requireNonNull(launch, "launch is null");
    if (!Files.isRegularFile(launch.jar())) {
      throw new IllegalStateException(
          launch.jar().toAbsolutePath()
              + " is missing: the cluster-manager module's package phase builds it");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(launch.jvmArgs());
    Map<String, String> properties = new TreeMap<>(launch.properties());
    properties.put(YardmasterLaunch.PORT_PROPERTY, Integer.toString(launch.port()));
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(launch.jar().toAbsolutePath().toString());
    Path log = launch.log().toAbsolutePath();
    Files.createDirectories(log.getParent());
    Files.writeString(
        log,
        "=== " + launch.name() + ": " + String.join(" ", command) + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(launch.workDir().toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(launch.environment());
    YardmasterProcess started = new YardmasterProcess(launch, builder.start());
    try {
      started.awaitHealthy();
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  /** A TCP port free on this machine now. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + launch.port());
  }

  public int port() {
    return launch.port();
  }

  public long pid() {
    return process.pid();
  }

  public Path log() {
    return launch.log();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, then the exit status (137 = 128 + 9 on Linux). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(this + " survived SIGKILL");
    }
    return process.exitValue();
  }

  /** SIGTERM (a graceful stop), SIGKILL if it does not end in time. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitHealthy() {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(url().resolve("/health")).timeout(Duration.ofSeconds(5)).build();
    await(launch.name() + " healthy on port " + launch.port() + "; log " + log().toAbsolutePath())
        .atMost(launch.startTimeout())
        .pollInSameThread()
        .pollInterval(POLL)
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    launch.name()
                        + " exited with "
                        + process.exitValue()
                        + " while starting; "
                        + tail());
              }
              try {
                return client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
              } catch (IOException e) {
                return false; // not listening yet
              }
            });
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(launch.log(), StandardCharsets.UTF_8);
      return "last lines of "
          + launch.log().toAbsolutePath()
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return launch.name() + " (pid " + process.pid() + ", port " + launch.port() + ")";
  }
}
