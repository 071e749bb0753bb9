package io.yardmaster.bench.autoscaling.adapters;

import static java.util.Objects.requireNonNull;

import io.yardmaster.autoscaler.demand.AnnouncedDemand;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.simulator.model.ApplicationState;
import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the cluster manager announces for a simulated cluster: the executors of the applications
 * whose driver does not run yet (ACCEPTED: the jobs the cluster manager has as SUBMITTING or
 * STARTING), from each job's request, which the model's application spec stands for.
 */
public final class StartingApplications implements AnnouncedDemand {
  private final Fleet fleet;
  private final SimulatedCluster cluster;

  public StartingApplications(Fleet fleet, String cluster) {
    this.fleet = requireNonNull(fleet, "fleet is null");
    this.cluster =
        fleet
            .cluster(cluster)
            .orElseThrow(() -> new IllegalArgumentException("no simulated cluster " + cluster));
  }

  @Override
  public List<ContainerShape> announced(ClusterConfig config) {
    return fleet.locked(
        () -> {
          Map<Resources, Integer> counts = new LinkedHashMap<>();
          for (SimulatedApplication application : cluster.applications()) {
            if (application.state() == ApplicationState.ACCEPTED
                && application.spec().executors() > 0) {
              counts.merge(
                  application.spec().executor(), application.spec().executors(), Integer::sum);
            }
          }
          List<ContainerShape> shapes = new ArrayList<>();
          counts.forEach(
              (size, count) ->
                  shapes.add(
                      new ContainerShape(count, (int) size.vcores(), (int) size.memoryMb())));
          return shapes;
        });
  }
}
