package io.yardmaster.autoscaler.yarn;

import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.registry.ClusterConfig;
import java.util.List;

/** What the autoscaler reads from a cluster's YARN ResourceManager. */
public interface ResourceManager {
  /**
   * Every NodeManager the RM knows, in any state.
   *
   * @throws PeerException when the RM cannot be read
   */
  List<YarnNode> nodes(ClusterConfig cluster);

  /**
   * The cluster's metrics.
   *
   * @throws PeerException when the RM cannot be read
   */
  YarnClusterMetrics metrics(ClusterConfig cluster);
}
