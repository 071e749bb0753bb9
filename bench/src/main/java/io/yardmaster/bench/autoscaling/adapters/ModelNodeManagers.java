package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.YarnNode;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * What each NodeManager of a simulated cluster says it hosts: the applications RUNNING there, which
 * stay after their containers there exited until they end.
 */
public final class ModelNodeManagers implements NodeManagerApps {
  private final Fleet fleet;
  private final SimulatedCluster cluster;

  public ModelNodeManagers(Fleet fleet, String cluster) {
    this.fleet = requireNonNull(fleet, "fleet is null");
    this.cluster =
        fleet
            .cluster(cluster)
            .orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + cluster));
  }

  @Override
  public List<String> runningApplications(YarnNode node) {
    SimulatedNode found =
        cluster
            .node(node.hostName())
            .orElseThrow(
                () ->
                    new PeerException.NotSent(
                        Peer.nodeManager(null),
                        "GET",
                        URI.create("http://" + node.hostName() + ":8042/ws/v1/node/apps"),
                        "no NodeManager on " + node.hostName(),
                        null));
    return fleet.locked(
        () -> {
          List<String> ids = new ArrayList<>();
          for (SimulatedApplication application : found.runningApplications()) {
            ids.add(application.id());
          }
          return ids;
        });
  }
}
