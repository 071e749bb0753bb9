package io.yardmaster.autoscaler.yarn;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
@Requires(
    property = AutoscalerConfig.DECOMMISSIONER,
    value = AutoscalerConfig.YARN_ADMIN,
    defaultValue = AutoscalerConfig.YARN_ADMIN)
public final class YarnAdminNodeDecommissioner implements NodeDecommissioner {
  private final Map<String, YarnAdminTarget> targets;

  public YarnAdminNodeDecommissioner(List<YarnAdminTarget> targets) {
    this.targets =
        targets.stream().collect(Collectors.toMap(YarnAdminTarget::name, Function.identity()));
  }

  @Override
  public synchronized void decommission(ClusterConfig cluster, Set<String> hosts) {
    YarnAdminTarget target = target(cluster);
    Set<String> excluded = HostsFile.read(target.excludeFile());
    hosts.forEach(host -> excluded.add(host.toLowerCase(Locale.ROOT)));
    HostsFile.write(target.excludeFile(), excluded);
    refreshGracefully(target);
  }

  @Override
  public synchronized void recommission(ClusterConfig cluster, Set<String> hosts) {
    YarnAdminTarget target = target(cluster);
    Set<String> excluded = HostsFile.read(target.excludeFile());
    hosts.forEach(host -> excluded.remove(host.toLowerCase(Locale.ROOT)));
    HostsFile.write(target.excludeFile(), excluded);
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
}
