package io.yardmaster.simulator.yarn;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The RM REST API's JSON, with YARN's field names. */
final class YarnViews {
  private YarnViews() {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ClusterInfoWrapper(ClusterInfo clusterInfo) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ClusterInfo(
      long id,
      long startedOn,
      String state,
      String haState,
      String rmStateStoreName,
      String resourceManagerVersion,
      String resourceManagerBuildVersion,
      String resourceManagerVersionBuiltOn,
      String hadoopVersion,
      String hadoopBuildVersion,
      String hadoopVersionBuiltOn,
      String haZooKeeperConnectionState) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ClusterMetricsWrapper(ClusterMetrics clusterMetrics) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record ClusterMetrics(
      long appsSubmitted,
      long appsCompleted,
      long appsPending,
      long appsRunning,
      long appsFailed,
      long appsKilled,
      long reservedMB,
      long availableMB,
      long allocatedMB,
      long pendingMB,
      long reservedVirtualCores,
      long availableVirtualCores,
      long allocatedVirtualCores,
      long pendingVirtualCores,
      long containersAllocated,
      long containersReserved,
      long containersPending,
      long totalMB,
      long totalVirtualCores,
      int utilizedMBPercent,
      int utilizedVirtualCoresPercent,
      int rmSchedulerBusyPercent,
      int totalNodes,
      int lostNodes,
      int unhealthyNodes,
      int decommissioningNodes,
      int decommissionedNodes,
      int rebootedNodes,
      int activeNodes,
      int shutdownNodes,
      int containerAssignedPerSecond) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record NodesWrapper(Nodes nodes) {}

  /** With no node YARN 3.4 answers {@code {"nodes":{}}}. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Nodes(@Nullable List<Node> node) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record NodeWrapper(Node node) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Node(
      String rack,
      String state,
      String id,
      String nodeHostName,
      String nodeHTTPAddress,
      long lastHealthUpdate,
      String version,
      String healthReport,
      int numContainers,
      long usedMemoryMB,
      long availMemoryMB,
      long usedVirtualCores,
      long availableVirtualCores,
      int numRunningOpportContainers,
      long usedMemoryOpportGB,
      int usedVirtualCoresOpport,
      int numQueuedContainers) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppsWrapper(Apps apps) {}

  /** With no app YARN 3.4 answers {@code {"apps":{}}}. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Apps(@Nullable List<App> app) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppWrapper(App app) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record App(
      String id,
      String user,
      String name,
      String queue,
      String state,
      String finalStatus,
      double progress,
      String trackingUI,
      String trackingUrl,
      String diagnostics,
      long clusterId,
      String applicationType,
      String applicationTags,
      int priority,
      long startedTime,
      long launchTime,
      long finishedTime,
      long elapsedTime,
      @Nullable String amContainerLogs,
      @Nullable String amHostHttpAddress,
      @Nullable String masterNodeId,
      long allocatedMB,
      long allocatedVCores,
      long reservedMB,
      long reservedVCores,
      int runningContainers,
      long memorySeconds,
      long vcoreSeconds,
      double queueUsagePercentage,
      double clusterUsagePercentage,
      long preemptedResourceMB,
      long preemptedResourceVCores,
      int numNonAMContainerPreempted,
      int numAMContainerPreempted,
      long preemptedMemorySeconds,
      long preemptedVcoreSeconds,
      String logAggregationStatus,
      boolean unmanagedApplication,
      String appNodeLabelExpression,
      String amNodeLabelExpression) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppState(@Nullable String state, @Nullable String diagnostics) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record StateOnly(String state) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record RemoteExceptionWrapper(@JsonProperty("RemoteException") RemoteException remoteException) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record RemoteException(String exception, String message, String javaClassName) {}
}
