package io.yardmaster.simulator.contract;

import java.util.Set;

/**
 * Field names of the ResourceManager REST API as a real Hadoop 3.4.2 ResourceManager serves them
 * (recorded from the MiniYARNCluster of peers/yarn-cluster; the real target checks the record still
 * holds), and the subset an emulator must serve because Yardmaster or its users read it.
 */
final class ResourceManagerFields {
  static final Set<String> CLUSTER_INFO =
      Set.of(
          "id",
          "startedOn",
          "state",
          "haState",
          "rmStateStoreName",
          "resourceManagerVersion",
          "resourceManagerBuildVersion",
          "resourceManagerVersionBuiltOn",
          "hadoopVersion",
          "hadoopBuildVersion",
          "hadoopVersionBuiltOn",
          "haZooKeeperConnectionState");

  static final Set<String> CLUSTER_INFO_REQUIRED =
      Set.of("id", "startedOn", "state", "haState", "resourceManagerVersion", "hadoopVersion");

  static final Set<String> CLUSTER_METRICS =
      Set.of(
          "appsSubmitted",
          "appsCompleted",
          "appsPending",
          "appsRunning",
          "appsFailed",
          "appsKilled",
          "reservedMB",
          "availableMB",
          "allocatedMB",
          "pendingMB",
          "reservedVirtualCores",
          "availableVirtualCores",
          "allocatedVirtualCores",
          "pendingVirtualCores",
          "containersAllocated",
          "containersReserved",
          "containersPending",
          "totalMB",
          "utilizedMB",
          "totalVirtualCores",
          "utilizedVirtualCores",
          "utilizedMBPercent",
          "utilizedVirtualCoresPercent",
          "rmSchedulerBusyPercent",
          "totalNodes",
          "lostNodes",
          "unhealthyNodes",
          "decommissioningNodes",
          "decommissionedNodes",
          "rebootedNodes",
          "activeNodes",
          "shutdownNodes",
          "containerAssignedPerSecond",
          "totalUsedResourcesAcrossPartition",
          "totalClusterResourcesAcrossPartition",
          "totalReservedResourcesAcrossPartition",
          "totalAllocatedContainersAcrossPartition",
          "crossPartitionMetricsAvailable",
          "rmEventQueueSize",
          "schedulerEventQueueSize");

  static final Set<String> CLUSTER_METRICS_REQUIRED =
      Set.of(
          "appsSubmitted",
          "appsCompleted",
          "appsPending",
          "appsRunning",
          "appsFailed",
          "appsKilled",
          "reservedMB",
          "availableMB",
          "allocatedMB",
          "pendingMB",
          "totalMB",
          "reservedVirtualCores",
          "availableVirtualCores",
          "allocatedVirtualCores",
          "pendingVirtualCores",
          "totalVirtualCores",
          "containersAllocated",
          "containersReserved",
          "containersPending",
          "totalNodes",
          "activeNodes",
          "lostNodes",
          "unhealthyNodes",
          "decommissioningNodes",
          "decommissionedNodes",
          "rebootedNodes",
          "shutdownNodes");

  static final Set<String> NODE =
      Set.of(
          "rack",
          "state",
          "id",
          "nodeHostName",
          "nodeHTTPAddress",
          "lastHealthUpdate",
          "version",
          "healthReport",
          "numContainers",
          "usedMemoryMB",
          "availMemoryMB",
          "usedVirtualCores",
          "availableVirtualCores",
          "memUtilization",
          "cpuUtilization",
          "numRunningOpportContainers",
          "usedMemoryOpportGB",
          "usedVirtualCoresOpport",
          "numQueuedContainers",
          "allocationTags",
          "resourceUtilization",
          "usedResource",
          "availableResource",
          "totalResource",
          "nodeAttributesInfo");

  static final Set<String> NODE_REQUIRED =
      Set.of(
          "rack",
          "state",
          "id",
          "nodeHostName",
          "nodeHTTPAddress",
          "lastHealthUpdate",
          "version",
          "healthReport",
          "numContainers",
          "usedMemoryMB",
          "availMemoryMB",
          "usedVirtualCores",
          "availableVirtualCores");

  /**
   * Every app field seen from the real ResourceManager; which appear depends on the app's state.
   */
  static final Set<String> APP =
      Set.of(
          "id",
          "user",
          "name",
          "queue",
          "state",
          "finalStatus",
          "progress",
          "trackingUI",
          "trackingUrl",
          "diagnostics",
          "clusterId",
          "applicationType",
          "applicationTags",
          "priority",
          "startedTime",
          "launchTime",
          "finishedTime",
          "elapsedTime",
          "amContainerLogs",
          "amHostHttpAddress",
          "amRPCAddress",
          "amNodeLabelExpression",
          "appNodeLabelExpression",
          "masterNodeId",
          "allocatedMB",
          "allocatedVCores",
          "reservedMB",
          "reservedVCores",
          "runningContainers",
          "memorySeconds",
          "vcoreSeconds",
          "queueUsagePercentage",
          "clusterUsagePercentage",
          "resourceSecondsMap",
          "preemptedResourceMB",
          "preemptedResourceVCores",
          "numNonAMContainerPreempted",
          "numAMContainerPreempted",
          "preemptedMemorySeconds",
          "preemptedVcoreSeconds",
          "preemptedResourceSecondsMap",
          "logAggregationStatus",
          "unmanagedApplication",
          "resourceInfo",
          "timeouts");

  /**
   * App fields an emulator must serve in every state (the real one always does; Yardmaster reads
   * them).
   */
  static final Set<String> APP_REQUIRED =
      Set.of(
          "id",
          "user",
          "name",
          "queue",
          "state",
          "finalStatus",
          "progress",
          "trackingUI",
          "trackingUrl",
          "diagnostics",
          "clusterId",
          "applicationType",
          "applicationTags",
          "priority",
          "startedTime",
          "launchTime",
          "finishedTime",
          "elapsedTime",
          "allocatedMB",
          "allocatedVCores",
          "runningContainers",
          "memorySeconds",
          "vcoreSeconds");

  static final Set<String> REMOTE_EXCEPTION = Set.of("exception", "message", "javaClassName");

  private ResourceManagerFields() {}
}
