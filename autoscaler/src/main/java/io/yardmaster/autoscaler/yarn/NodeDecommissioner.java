package io.yardmaster.autoscaler.yarn;

import io.yardmaster.core.registry.ClusterConfig;
import java.util.Set;

/**
 * YARN graceful decommission of NodeManagers by host name: no new containers go to them, and the RM
 * marks them DECOMMISSIONED once their containers are gone.
 */
public interface NodeDecommissioner {
  /** Adds the hosts to the cluster's exclude list and asks the RM to decommission gracefully. */
  void decommission(ClusterConfig cluster, Set<String> hosts);

  /**
   * Takes the hosts out of the exclude list again (their VMs are deleted, or the shrink gave up).
   */
  void recommission(ClusterConfig cluster, Set<String> hosts);
}
