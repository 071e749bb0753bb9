package io.yardmaster.peers.harness;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real YARN cluster (MiniYARNCluster from the unshaded Hadoop 3.4.2: 1 ResourceManager with the
 * CapacityScheduler and N NodeManagers) in a process of its own, laid out by peers/yarn-cluster. It
 * writes its configuration to a HADOOP_CONF_DIR that this JVM's YARN client, spark-submit and Livy
 * use. The process ends when its standard input closes, so it does not outlive a killed test JVM.
 */
public final class YarnClusterProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final List<String> OPENS =
      List.of(
          "java.lang",
          "java.util",
          "java.util.concurrent",
          "java.io",
          "java.net",
          "java.nio",
          "sun.nio.ch",
          "java.lang.reflect",
          "sun.security.x509",
          "sun.util.calendar");

  private final Process process;
  private final Path hadoopConfDir;
  private final URI webUri;
  private final Path log;

  private YarnClusterProcess(Process process, Path hadoopConfDir, URI webUri, Path log) {
    this.process = process;
    this.hadoopConfDir = hadoopConfDir;
    this.webUri = webUri;
    this.log = log;
  }

  /**
   * Starts a cluster of 1 ResourceManager and {@code nodeManagers} NodeManagers; waits until it is
   * up.
   */
  public static YarnClusterProcess start(PeerPaths paths, String name, int nodeManagers) {
    return start(paths, name, YarnClusterSpec.nodeManagers(nodeManagers));
  }

  /** Starts a cluster as the spec says; waits until it is up. */
  public static YarnClusterProcess start(PeerPaths paths, String name, YarnClusterSpec spec) {
    Path home = paths.workDir().resolve(name);
    Path confDir = home.resolve("conf");
    Path readySignal = confDir.resolve("rm-web-address");
    Path classpathDir = home.resolve("classpath");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx768m");
    command.add("-XX:+UseSerialGC");
    for (String open : OPENS) {
      command.add("--add-opens=java.base/" + open + "=ALL-UNNAMED");
    }
    command.add("-cp");
    StringBuilder jars = new StringBuilder();
    spec.operatorFiles()
        .ifPresent(
            files ->
                files
                    .jars()
                    .forEach(jar -> jars.append(jar.toAbsolutePath()).append(File.pathSeparator)));
    command.add(
        classpathDir
            + File.pathSeparator
            + jars
            + paths.yarnClusterJar()
            + File.pathSeparator
            + paths.yarnLib()
            + File.separator
            + "*");
    command.add("io.yardmaster.peers.yarn.MiniYarnMain");
    command.add(confDir.toString());
    command.add(Integer.toString(spec.nodeManagers()));
    if (!spec.nodeManagerHosts().isEmpty()) {
      command.add("--node-hosts=" + String.join(",", spec.nodeManagerHosts()));
    }
    spec.nodeLabels()
        .ifPresent(
            labels -> {
              command.add("--node-labels-conf=" + labels.configuration().toAbsolutePath());
              command.add("--cluster-node-label=" + labels.clusterLabel());
              command.add("--labelled-hosts=" + String.join(",", labels.hosts()));
            });
    Process process;
    try {
      Files.createDirectories(home);
      Files.deleteIfExists(readySignal);
      YarnClasspathFiles.write(classpathDir, spec);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("yarn.log").toFile()));
      spec.operatorFiles().ifPresent(files -> builder.environment().putAll(files.environment()));
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    await("YARN cluster up (log: " + home.resolve("yarn.log") + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(250))
        .failFast("YARN cluster process exited", () -> !process.isAlive())
        .until(() -> Files.exists(readySignal));
    try {
      String address = Files.readString(readySignal, StandardCharsets.UTF_8).trim();
      return new YarnClusterProcess(
          process, confDir, URI.create("http://" + address + "/"), home.resolve("yarn.log"));
    } catch (IOException e) {
      process.destroyForcibly();
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The cluster's client configuration ({@code yarn-site.xml} with the ResourceManager's RPC and
   * web addresses): a HADOOP_CONF_DIR for Livy and spark-submit, or for a YARN client in a test.
   */
  public Path hadoopConfDir() {
    return hadoopConfDir;
  }

  /** The ResourceManager's web address, the root above {@code ws/v1/cluster}. */
  public URI webUri() {
    return webUri;
  }

  /** The YARN process's output: the ResourceManager's and NodeManagers' logs. */
  public Path log() {
    return log;
  }

  @Override
  public void close() {
    try {
      process.getOutputStream().close();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
      }
    } catch (IOException e) {
      process.destroyForcibly();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
