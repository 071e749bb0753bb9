package io.yardmaster.peers.harness;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import java.io.File;
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
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Apache Livy 0.7.1 server in a process of its own (its Scala, Jackson and Hadoop 2.7 jars
 * stay out of this JVM). Spark batches run through the stand-in SPARK_HOME of peers/spark-runtime,
 * in YARN cluster mode on the cluster that a HADOOP_CONF_DIR describes. Recovery is off, so {@link
 * #restart()} forgets every batch and starts ids at 0 again, as a real Livy restart without
 * recovery does.
 */
public final class LivyServerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final PeerPaths paths;
  private final Path home;
  private final int port;
  private final Path hadoopConfDir;
  private final List<String> jvmOptions;
  private Process process;

  private LivyServerProcess(
      PeerPaths paths, Path home, int port, Path hadoopConfDir, List<String> jvmOptions) {
    this.paths = paths;
    this.home = home;
    this.port = port;
    this.hadoopConfDir = hadoopConfDir;
    this.jvmOptions = List.copyOf(jvmOptions);
  }

  /**
   * A Livy that submits in YARN cluster mode to the cluster whose configuration is in the folder.
   */
  public static LivyServerProcess startOnYarn(PeerPaths paths, String name, Path hadoopConfDir) {
    return startOnYarn(paths, name, hadoopConfDir, List.of(), List.of());
  }

  /**
   * As {@link #startOnYarn(PeerPaths, String, Path)}, with {@code extraConf} lines appended to
   * livy.conf ({@code livy.server.auth.type = kerberos}, ...) and {@code jvmOptions} for its JVM. A
   * Livy that asks for credentials counts as started when it answers 401.
   */
  public static LivyServerProcess startOnYarn(
      PeerPaths paths,
      String name,
      Path hadoopConfDir,
      List<String> extraConf,
      List<String> jvmOptions) {
    requireNonNull(hadoopConfDir, "hadoopConfDir is null");
    Path home = paths.workDir().resolve(name);
    int port;
    try {
      Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(home.resolve("logs"));
      Files.createDirectories(home.resolve("spark-conf"));
      port = freePort();
      String template =
          Files.readString(
              paths.livyHome().resolve("conf/livy.conf.template"), StandardCharsets.UTF_8);
      String livyConf =
          template
              .replace("${port}", Integer.toString(port))
              .replace("${sparkMaster}", "yarn")
              .replace("${deployMode}", "cluster")
              .replace("${localDirWhitelist}", paths.sparkJobsJar().getParent() + File.separator);
      Files.writeString(
          home.resolve("conf/livy.conf"),
          livyConf + "\n" + String.join("\n", extraConf) + "\n",
          StandardCharsets.UTF_8);
      Files.copy(
          paths.livyHome().resolve("conf/log4j.properties"),
          home.resolve("conf/log4j.properties"),
          StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(
          home.resolve("spark-conf/spark-defaults.conf"),
          sparkDefaults(paths),
          StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LivyServerProcess livy = new LivyServerProcess(paths, home, port, hadoopConfDir, jvmOptions);
    livy.launch();
    return livy;
  }

  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public Path log() {
    return home.resolve("livy.log");
  }

  /**
   * Stops the server and starts it again on the same port, with no memory of earlier batches. The
   * stop is graceful (SIGTERM), and a Livy without recovery stops every batch as it shuts down: the
   * YARN apps of running batches are killed.
   */
  public void restart() {
    stop();
    launch();
  }

  /**
   * Kills the server and its spark-submit children at once (SIGKILL: no shutdown, as when the
   * process or its host dies), then starts it again on the same port with no memory of earlier
   * batches. The YARN apps of running batches keep running.
   */
  public void crashAndRestart() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
    launch();
  }

  @Override
  public void close() {
    stop();
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC");
    command.addAll(jvmOptions);
    command.add("-cp");
    String classpath = paths.livyHome().resolve("lib") + File.separator + "*";
    classpath += File.pathSeparator + home.resolve("conf");
    classpath += File.pathSeparator + hadoopConfDir;
    command.add(classpath);
    command.add("org.apache.livy.server.LivyServer");
    ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
    Map<String, String> environment = builder.environment();
    environment.put("LIVY_HOME", home.toString());
    environment.put("LIVY_CONF_DIR", home.resolve("conf").toString());
    environment.put("SPARK_HOME", paths.sparkHome().toString());
    environment.put("SPARK_CONF_DIR", home.resolve("spark-conf").toString());
    environment.put("SPARK_JARS_DIR", paths.sparkJars().toString());
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("HADOOP_CONF_DIR", hadoopConfDir.toString());
    environment.put("YARN_CONF_DIR", hadoopConfDir.toString());
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    URI batches = baseUri().resolve("/batches");
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest list =
        HttpRequest.newBuilder(batches).timeout(Duration.ofSeconds(10)).GET().build();
    await("Livy answering on " + batches + " (log: " + log() + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .failFast("Livy process exited", () -> !process.isAlive())
        .until(
            () -> {
              int status = http.send(list, HttpResponse.BodyHandlers.discarding()).statusCode();
              return status == 200 || status == 401;
            });
  }

  private void stop() {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  private static String sparkDefaults(PeerPaths paths) {
    return String.join(
        "\n",
        "spark.ui.enabled false",
        "spark.driver.memory 512m",
        "spark.executor.memory 512m",
        "spark.executor.instances 1",
        "spark.executor.cores 1",
        "spark.yarn.am.memory 512m",
        "spark.yarn.jars local:" + paths.sparkJars() + File.separator + "*",
        "spark.yarn.submit.waitAppCompletion true",
        "");
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
