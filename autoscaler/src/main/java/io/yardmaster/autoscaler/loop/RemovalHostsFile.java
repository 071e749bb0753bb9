package io.yardmaster.autoscaler.loop;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.autoscaler.yarn.HostsFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

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
    Set<String> listed = HostsFile.read(file);
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
    HostsFile.write(file, lines);
  }
}
