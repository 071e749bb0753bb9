package io.yardmaster.autoscaler.demand;

import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.registry.ClusterConfig;
import java.util.List;

/**
 * Containers a cluster will be asked for before YARN knows of them: a Spark driver asks for its
 * executors only once it runs, so while the driver's node boots the executors are invisible to the
 * ResourceManager and to Graphite. The cluster manager knows them from each job's request.
 */
public interface AnnouncedDemand {
  /**
   * The executors of the cluster's jobs whose driver has not started, and the drivers of those not
   * yet submitted to YARN.
   *
   * @throws RuntimeException when they cannot be read (the tick goes on without them)
   */
  List<ContainerShape> announced(ClusterConfig cluster);
}
