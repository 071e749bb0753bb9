package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.DecommissionType;
import org.apache.hadoop.yarn.client.ClientRMProxy;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.server.api.ResourceManagerAdministrationProtocol;
import org.apache.hadoop.yarn.server.api.protocolrecords.RefreshNodesRequest;

/**
 * Graceful decommission the way {@code yarn rmadmin -refreshNodes -g} does it: the hosts go into
 * the exclude file the RM reads ({@code yarn.resourcemanager.nodes.exclude-path}), then {@code
 * refreshNodes(GRACEFUL, timeout)} over the RM admin protocol; recommission takes them out of the
 * file and refreshes gracefully as well. Tested against a real ResourceManager ({@code
 * YarnAdminDecommissionIT}). One {@link YarnAdminTarget} per cluster says where the exclude file is
 * and how to reach the RM.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
@Requires(property = AutoscalerConfig.DECOMMISSIONER, value = AutoscalerConfig.YARN_ADMIN)
public final class YarnAdminNodeDecommissioner implements NodeDecommissioner {
  private final Map<String, YarnAdminTarget> targets;

  public YarnAdminNodeDecommissioner(List<YarnAdminTarget> targets) {
    this.targets =
        targets.stream().collect(Collectors.toMap(YarnAdminTarget::name, Function.identity()));
  }

  @Override
  public synchronized void decommission(ClusterConfig cluster, Set<String> hosts) {
    YarnAdminTarget target = target(cluster);
    Set<String> excluded = read(target.excludeFile());
    hosts.forEach(host -> excluded.add(host.toLowerCase(Locale.ROOT)));
    write(target.excludeFile(), excluded);
    refreshGracefully(target);
  }

  @Override
  public synchronized void recommission(ClusterConfig cluster, Set<String> hosts) {
    YarnAdminTarget target = target(cluster);
    Set<String> excluded = read(target.excludeFile());
    hosts.forEach(host -> excluded.remove(host.toLowerCase(Locale.ROOT)));
    write(target.excludeFile(), excluded);
    // Graceful too: a NORMAL refresh decommissions every excluded node that is not DECOMMISSIONED
    // yet forcefully, killing the containers of the nodes still draining (seen on a real RM).
    refreshGracefully(target);
  }

  private YarnAdminTarget target(ClusterConfig cluster) {
    YarnAdminTarget target = targets.get(cluster.name());
    if (target == null) {
      throw new IllegalStateException(
          "no "
              + YarnAdminTarget.PREFIX
              + "."
              + cluster.name()
              + ".* settings: cannot decommission on "
              + cluster.name());
    }
    return target;
  }

  /**
   * {@code refreshNodes(GRACEFUL, timeout)}: excluded nodes start (or keep) draining, a draining
   * node no longer excluded runs again, and no node is decommissioned forcefully.
   */
  private static void refreshGracefully(YarnAdminTarget target) {
    Configuration conf = target.hadoopConfiguration();
    try {
      ResourceManagerAdministrationProtocol admin =
          ClientRMProxy.createRMProxy(conf, ResourceManagerAdministrationProtocol.class);
      try {
        admin.refreshNodes(
            RefreshNodesRequest.newInstance(
                DecommissionType.GRACEFUL, (int) target.decommissionTimeout().toSeconds()));
      } finally {
        org.apache.hadoop.ipc.RPC.stopProxy(admin);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("refreshNodes on " + target.name() + " failed", e);
    } catch (YarnException e) {
      throw new IllegalStateException("refreshNodes on " + target.name() + " failed", e);
    }
  }

  static Set<String> read(Path file) {
    requireNonNull(file, "file is null");
    Set<String> hosts = new TreeSet<>();
    if (!Files.exists(file)) {
      return hosts;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String host = line.trim();
        if (!host.isEmpty() && !host.startsWith("#")) {
          hosts.add(host.toLowerCase(Locale.ROOT));
        }
      }
      return hosts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read exclude file " + file, e);
    }
  }

  /** Atomically: a temporary file next to it, then a rename. */
  static void write(Path file, Set<String> hosts) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.write(temporary, hosts, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write exclude file " + file, e);
    }
  }
}
