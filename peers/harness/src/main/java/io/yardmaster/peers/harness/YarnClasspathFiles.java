package io.yardmaster.peers.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files a {@link YarnClusterSpec} puts first on the YARN process's classpath: a {@code
 * yarn-site.xml} naming the exclude file (the ResourceManager reads it at start and again from the
 * classpath on every {@code refreshNodes}) and a {@code hadoop-metrics2.properties} with the
 * GraphiteSink (a {@code resourcemanager.} key, or the RM's metrics system makes no sink), or links
 * to an operator's own files under the names the ResourceManager looks for.
 */
final class YarnClasspathFiles {
  private YarnClasspathFiles() {}

  static void write(Path folder, YarnClusterSpec spec) throws IOException {
    Files.createDirectories(folder);
    try (Stream<Path> stale = Files.list(folder)) {
      for (Path file : stale.toList()) {
        Files.delete(file);
      }
    }
    if (spec.operatorFiles().isPresent()) {
      for (Map.Entry<String, Path> file : spec.operatorFiles().get().classpathFiles().entrySet()) {
        Path target = file.getValue().toAbsolutePath().normalize();
        if (!Files.isRegularFile(target)) {
          throw new IOException("no operator file " + target);
        }
        Files.createSymbolicLink(folder.resolve(file.getKey()), target);
      }
    }
    if (spec.excludeFile().isPresent()) {
      Path exclude = spec.excludeFile().get().toAbsolutePath();
      Files.createDirectories(exclude.getParent());
      if (!Files.exists(exclude)) {
        // The ResourceManager does not start with an exclude path that names no file.
        Files.createFile(exclude);
      }
      Files.writeString(
          folder.resolve("yarn-site.xml"),
          "<?xml version=\"1.0\"?>\n<configuration>\n  <property>\n"
              + "    <name>yarn.resourcemanager.nodes.exclude-path</name>\n    <value>"
              + xmlText(exclude.toString())
              + "</value>\n  </property>\n</configuration>\n",
          StandardCharsets.UTF_8);
    }
    if (spec.graphiteSink().isPresent()) {
      YarnClusterSpec.GraphiteSink sink = spec.graphiteSink().get();
      String key = "resourcemanager.sink.graphite.";
      Files.writeString(
          folder.resolve("hadoop-metrics2.properties"),
          "*.period="
              + sink.period().toSeconds()
              + "\n"
              + key
              + "class=org.apache.hadoop.metrics2.sink.GraphiteSink\n"
              + key
              + "server_host="
              + sink.host()
              + "\n"
              + key
              + "server_port="
              + sink.port()
              + "\n"
              + key
              + "metrics_prefix="
              + sink.prefix()
              + "\n",
          StandardCharsets.ISO_8859_1);
    }
  }

  private static String xmlText(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
