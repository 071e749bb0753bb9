package io.yardmaster.placement;

import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.server.resourcemanager.rmnode.RMNode;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.SchedulerNode;

/**
 * Tells whether a node is marked for removal: YARN is gracefully decommissioning it, or the
 * autoscaler lists it in the removal hosts file (by host name or by node id).
 */
final class RemovalMarks {

  private final RemovalHostsFile hostsFile;

  /**
   * @param hostsFile the removal hosts file, or {@code null} when only YARN's decommissioning state
   *     marks nodes
   */
  RemovalMarks(RemovalHostsFile hostsFile) {
    this.hostsFile = hostsFile;
  }

  /**
   * The marks as of now: the hosts file (through its cache) is read once for all nodes of a sort.
   */
  Snapshot snapshot() {
    return new Snapshot(hostsFile == null ? null : hostsFile.entries());
  }

  /** The marks as of one moment, for sorting one set of nodes. */
  static final class Snapshot {

    private final Set<String> listed;

    private Snapshot(Set<String> listed) {
      this.listed = listed;
    }

    boolean isMarked(SchedulerNode node) {
      RMNode rmNode = node.getRMNode();
      if (rmNode != null && isLeaving(rmNode.getState())) {
        return true;
      }
      if (listed == null || listed.isEmpty()) {
        return false;
      }
      NodeId nodeId = node.getNodeID();
      return listed.contains(nodeId.toString().toLowerCase(Locale.ROOT))
          || listed.contains(nodeId.getHost().toLowerCase(Locale.ROOT))
          || (rmNode != null
              && rmNode.getHostName() != null
              && listed.contains(rmNode.getHostName().toLowerCase(Locale.ROOT)));
    }
  }

  /** The states of a node on its way out of the cluster. */
  static boolean isLeaving(NodeState state) {
    if (state == null) {
      return false;
    }
    switch (state) {
      case DECOMMISSIONING:
      case DECOMMISSIONED:
      case SHUTDOWN:
      case LOST:
        return true;
      case NEW:
      case RUNNING:
      case UNHEALTHY:
      case REBOOTED:
        return false;
    }
    return false;
  }
}
