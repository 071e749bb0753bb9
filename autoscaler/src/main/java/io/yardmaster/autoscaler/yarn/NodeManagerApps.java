package io.yardmaster.autoscaler.yarn;

import io.yardmaster.core.peer.PeerException;
import java.util.List;

/**
 * What a NodeManager itself says about the applications it hosts. An application stays RUNNING on a
 * NodeManager after its containers there have exited, until the ResourceManager tells the node the
 * application finished: its shuffle data may still be fetched from that node meanwhile.
 */
public interface NodeManagerApps {
  /**
   * Ids of the applications RUNNING on the node's NodeManager.
   *
   * @throws PeerException when the NodeManager cannot be read (no address, down, not JSON)
   */
  List<String> runningApplications(YarnNode node);
}
