package io.yardmaster.testing;

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
 * The application jar ({@code target/yardmaster.jar}, built at {@code package}) running in a
 * process of its own, configured by system properties, its log written to a file. {@link #kill()}
 * is {@code kill -9}: nothing in the process gets to run, as in a crashed node or an OOM kill.
 */
public final class AppProcess implements AutoCloseable {
  /** The shaded jar, relative to the module's folder (failsafe's working directory). */
  public static final Path JAR = Path.of("target", "yardmaster.jar");

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final int port;
  private final Process process;
  private final Path log;

  private AppProcess(String name, int port, Process process, Path log) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the jar with {@code properties} as {@code -D} options on {@code port} and waits until
   * {@code /health} answers 200; the log goes to {@code log} (appended, so a restart keeps the
   * first run's lines).
   */
  public static AppProcess start(String name, int port, Map<String, String> properties, Path log)
      throws IOException {
    requireNonNull(name, "name is null");
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: run the ITs with `mvnw verify` (package builds it)");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Three JVMs share two cores here: start fast, stay small.
    command.add("-Xmx512m");
    command.add("-XX:+UseSerialGC");
    command.add("-XX:TieredStopAtLevel=1");
    Map<String, String> all = new TreeMap<>(properties);
    all.put("micronaut.server.port", Integer.toString(port));
    all.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(JAR.toString());
    Files.createDirectories(log.toAbsolutePath().getParent());
    Files.writeString(
        log,
        "=== " + name + ": " + String.join(" ", command) + System.lineSeparator(),
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    AppProcess app = new AppProcess(name, port, process, log);
    try {
      app.awaitHealthy();
    } catch (RuntimeException | Error e) {
      app.close();
      throw e;
    }
    return app;
  }

  /** A TCP port free on this machine now. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGKILL, then the exit status (137 = 128 + 9 on Linux). */
  public int kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      throw new IllegalStateException(name + " (pid " + pid() + ") survived SIGKILL");
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
    await(name + " healthy on port " + port)
        .atMost(START_TIMEOUT)
        .pollInSameThread()
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + " while starting; " + tail());
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
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "last lines of "
          + log.toAbsolutePath()
          + ":\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name + " (pid " + process.pid() + ", port " + port + ")";
  }
}
