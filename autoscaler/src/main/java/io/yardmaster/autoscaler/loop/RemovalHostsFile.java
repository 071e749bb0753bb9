package io.yardmaster.autoscaler.loop;

import io.micronaut.core.annotation.Nullable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hosts file the YARN placement policy reads ({@code yardmaster.placement.removal-hosts-file}):
 * hosts being removed, offered containers last. Written atomically (temporary file, rename). {@code
 * {cluster}} in the path is replaced by the cluster's name; no path: nothing is written.
 */
final class RemovalHostsFile {
  private final @Nullable String pathPattern;

  RemovalHostsFile(@Nullable String pathPattern) {
    this.pathPattern = pathPattern;
  }

  synchronized void add(String cluster, Set<String> hosts) {
    change(cluster, hosts, true);
  }

  synchronized void remove(String cluster, Set<String> hosts) {
    change(cluster, hosts, false);
  }

  private void change(String cluster, Set<String> hosts, boolean add) {
    if (pathPattern == null) {
      return;
    }
    Path file = Path.of(pathPattern.replace("{cluster}", cluster));
    try {
      Set<String> listed = new TreeSet<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String host = line.trim();
          if (!host.isEmpty() && !host.startsWith("#")) {
            listed.add(host.toLowerCase(Locale.ROOT));
          }
        }
      }
      for (String host : hosts) {
        if (add) {
          listed.add(host.toLowerCase(Locale.ROOT));
        } else {
          listed.remove(host.toLowerCase(Locale.ROOT));
        }
      }
      List<String> lines = new ArrayList<>();
      lines.add("# written by the Yardmaster autoscaler: hosts being removed");
      lines.addAll(listed);
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update removal hosts file " + file, e);
    }
  }
}
