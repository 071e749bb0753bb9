package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.registry.Priority;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One YARN cluster: NodeManagers, queues (created on demand), applications and their container
 * asks, placed by a {@link PlacementPolicy}. Keeps the last {@code maxCompletedApplications}
 * finished applications like the RM's {@code yarn.resourcemanager.max-completed-applications}.
 *
 * <p>Public methods lock the {@link Simulation}; getters of the returned nodes and applications are
 * read under {@link Fleet#locked(java.util.function.Supplier)}.
 */
public final class SimulatedCluster {
  /** Time from the driver container's allocation to the AM registering (state RUNNING). */
  public static final long DRIVER_LAUNCH_MILLIS = 2_000;

  private final String name;
  private final Simulation simulation;
  private final Scheduler scheduler;
  private final int maxCompletedApplications;
  private final long clusterTimestamp;
  private final Map<String, SimulatedNode> nodes = new LinkedHashMap<>();
  private final Map<String, SimulatedApplication> applications = new LinkedHashMap<>();
  private final Set<SimulatedApplication> active = new LinkedHashSet<>();
  private final ArrayDeque<SimulatedApplication> completed = new ArrayDeque<>();
  private final Set<String> queues = new TreeSet<>();
  private final List<Consumer<SimulatedApplication>> finishListeners = new ArrayList<>();
  private int applicationSequence;
  private long appsSubmitted;
  private long appsCompleted;
  private long appsFailed;
  private long appsKilled;

  SimulatedCluster(
      String name, Simulation simulation, PlacementPolicy placement, int maxCompleted) {
    this.name = requireNonNull(name, "name is null");
    this.simulation = requireNonNull(simulation, "simulation is null");
    this.scheduler = new Scheduler(this, simulation, requireNonNull(placement, "placement"));
    if (maxCompleted < 1) {
      throw new IllegalArgumentException("maxCompletedApplications must be >= 1");
    }
    this.maxCompletedApplications = maxCompleted;
    this.clusterTimestamp = simulation.now();
    queues.add("root.default");
  }

  public String name() {
    return name;
  }

  /** The RM start time, the middle part of application ids. */
  public long clusterTimestamp() {
    return clusterTimestamp;
  }

  /** Submits an application; it is ACCEPTED at once and waits for its driver container. */
  public SimulatedApplication submit(ApplicationSpec spec) {
    synchronized (simulation) {
      simulation.catchUp();
      String id =
          String.format(
              Locale.ROOT, "application_%d_%04d", clusterTimestamp, ++applicationSequence);
      SimulatedApplication application = new SimulatedApplication(id, spec, simulation.now());
      queues.add(spec.queue());
      applications.put(id, application);
      active.add(application);
      appsSubmitted++;
      scheduler.waiting(application);
      return application;
    }
  }

  /**
   * Records an app that ran before the simulation started, ended already with these figures, as the
   * RM would still list it (history replay at start; kept like any ended app).
   */
  public SimulatedApplication recordPast(
      ApplicationSpec spec,
      long submittedMillis,
      long launchedMillis,
      long finishedMillis,
      long vcoreSeconds,
      long memoryMbSeconds,
      boolean failed) {
    synchronized (simulation) {
      simulation.catchUp();
      String id =
          String.format(
              Locale.ROOT, "application_%d_%04d", clusterTimestamp, ++applicationSequence);
      SimulatedApplication application =
          SimulatedApplication.past(
              id,
              spec,
              submittedMillis,
              launchedMillis,
              finishedMillis,
              vcoreSeconds,
              memoryMbSeconds,
              failed);
      queues.add(spec.queue());
      applications.put(id, application);
      appsSubmitted++;
      if (failed) {
        appsFailed++;
      } else {
        appsCompleted++;
      }
      completed.addLast(application);
      while (completed.size() > maxCompletedApplications) {
        applications.remove(completed.pollFirst().id());
      }
      return application;
    }
  }

  /** Kills an application; empty when unknown. A finished one is left as it is. */
  public Optional<SimulatedApplication> kill(String applicationId) {
    synchronized (simulation) {
      simulation.catchUp();
      SimulatedApplication application = applications.get(applicationId);
      if (application != null && !application.state().terminal()) {
        finish(
            application,
            ApplicationState.KILLED,
            FinalStatus.KILLED,
            "Application killed by user.");
      }
      return Optional.ofNullable(application);
    }
  }

  public Optional<SimulatedApplication> application(String applicationId) {
    synchronized (simulation) {
      simulation.catchUp();
      return Optional.ofNullable(applications.get(applicationId));
    }
  }

  /** Applications the RM still knows, in submission order. */
  public List<SimulatedApplication> applications() {
    synchronized (simulation) {
      simulation.catchUp();
      return List.copyOf(applications.values());
    }
  }

  /** All nodes ever registered (lost and decommissioned ones too), in registration order. */
  public List<SimulatedNode> nodes() {
    synchronized (simulation) {
      simulation.catchUp();
      return List.copyOf(nodes.values());
    }
  }

  /** A node by id ({@code host:port}) or host name. */
  public Optional<SimulatedNode> node(String idOrHost) {
    synchronized (simulation) {
      simulation.catchUp();
      String host =
          idOrHost.contains(":") ? idOrHost.substring(0, idOrHost.indexOf(':')) : idOrHost;
      return Optional.ofNullable(nodes.get(host));
    }
  }

  /** Leaf and parent queue names, sorted. */
  public Set<String> queues() {
    synchronized (simulation) {
      Set<String> all = new TreeSet<>();
      for (String queue : queues) {
        for (int dot = queue.indexOf('.'); dot > 0; dot = queue.indexOf('.', dot + 1)) {
          all.add(queue.substring(0, dot));
        }
        all.add(queue);
      }
      return all;
    }
  }

  /** Registers a NodeManager not backed by a scale-set VM (tests, static nodes). */
  public SimulatedNode addNode(String hostName, Resources capacity, Priority priority) {
    synchronized (simulation) {
      simulation.catchUp();
      return register(
          new SimulatedNode(hostName, capacity, null, null, priority, simulation.now()));
    }
  }

  /**
   * Graceful decommission: no new containers; DECOMMISSIONED once its containers are gone.
   *
   * @return false when the node is unknown or not running
   */
  public boolean decommission(String nodeIdOrHost) {
    synchronized (simulation) {
      Optional<SimulatedNode> node = node(nodeIdOrHost);
      if (node.isEmpty() || node.get().state() != NodeState.RUNNING) {
        return false;
      }
      node.get().state(NodeState.DECOMMISSIONING, simulation.now());
      scheduler.unschedulable(node.get());
      decommissionIfEmpty(node.get());
      return true;
    }
  }

  /**
   * The host left the exclude list and the RM refreshed: a DECOMMISSIONING node runs again and
   * takes new containers. A DECOMMISSIONED one stays so: its NodeManager has shut down, as in YARN.
   *
   * @return false when the node is unknown or not decommissioning
   */
  public boolean recommission(String nodeIdOrHost) {
    synchronized (simulation) {
      Optional<SimulatedNode> node = node(nodeIdOrHost);
      if (node.isEmpty() || node.get().state() != NodeState.DECOMMISSIONING) {
        return false;
      }
      node.get().state(NodeState.RUNNING, simulation.now());
      scheduler.schedulable(node.get());
      return true;
    }
  }

  /**
   * An executor exits before its application ends, as Spark's dynamic allocation gives an idle
   * executor back: its node no longer runs the container but still hosts the RUNNING application
   * (and its shuffle data) until the application ends. The application does not ask for another,
   * and its progress keeps its pace (the executor had no more work).
   *
   * @return false when no executor container has this id
   */
  public boolean releaseExecutor(String containerId) {
    synchronized (simulation) {
      simulation.catchUp();
      for (SimulatedNode node : nodes.values()) {
        for (SimulatedContainer container : node.containers()) {
          if (container.id().equals(containerId) && container.kind() == ContainerKind.EXECUTOR) {
            node.release(container);
            container.application().releaseExecutor(container, simulation.now());
            decommissionIfEmpty(node);
            scheduler.requestPass();
            return true;
          }
        }
      }
      return false;
    }
  }

  /** Marks a node to be removed soon: bin packing places on it last. */
  public boolean markForRemoval(String nodeIdOrHost, boolean marked) {
    synchronized (simulation) {
      Optional<SimulatedNode> node = node(nodeIdOrHost);
      node.ifPresent(found -> found.markedForRemoval(marked));
      return node.isPresent();
    }
  }

  /** Called with each application when it reaches a terminal state (in the simulation thread). */
  public void onFinish(Consumer<SimulatedApplication> listener) {
    synchronized (simulation) {
      finishListeners.add(requireNonNull(listener, "listener is null"));
    }
  }

  public ClusterMetrics metrics() {
    synchronized (simulation) {
      simulation.catchUp();
      return ClusterMetricsCollector.cluster(
          nodes.values(), active, appsSubmitted, appsCompleted, appsFailed, appsKilled);
    }
  }

  /** Metrics of every queue (leaves and parents), sorted by name. */
  public List<QueueMetrics> queueMetrics() {
    synchronized (simulation) {
      simulation.catchUp();
      return ClusterMetricsCollector.queues(queues(), active, metrics());
    }
  }

  SimulatedNode registerNode(String hostName, SimulatedScaleSet scaleSet, String instanceId) {
    return register(
        new SimulatedNode(
            hostName,
            new Resources(scaleSet.sku().nodeManagerMemoryMb(), scaleSet.sku().nodeManagerVcores()),
            scaleSet.armId(),
            instanceId,
            scaleSet.priority(),
            simulation.now()));
  }

  private SimulatedNode register(SimulatedNode node) {
    nodes.put(node.hostName(), node);
    scheduler.schedulable(node);
    return node;
  }

  /** The node's VM is gone: a decommissioned node stays so, any other is LOST with its work. */
  void removeNode(String hostName, String reason) {
    SimulatedNode node = nodes.get(hostName);
    if (node == null) {
      return;
    }
    scheduler.unschedulable(node);
    if (node.state() != NodeState.DECOMMISSIONED) {
      node.state(NodeState.LOST, simulation.now());
    }
    for (SimulatedContainer container : node.containers()) {
      lose(container, reason);
    }
  }

  private void lose(SimulatedContainer container, String reason) {
    SimulatedApplication application = container.application();
    long now = simulation.now();
    switch (container.kind()) {
      case APPLICATION_MASTER ->
          finish(
              application,
              ApplicationState.FAILED,
              FinalStatus.FAILED,
              "Application "
                  + application.id()
                  + " failed 1 times due to AM Container "
                  + container.id()
                  + " exited with exitCode: -100. Container released on a *lost* node ("
                  + reason
                  + ")");
      case EXECUTOR -> {
        application.accrue(now);
        container.node().release(container);
        application.removeContainer(container, now, true);
        scheduler.rescheduleCompletion(application);
        scheduler.waiting(application);
      }
    }
  }

  /** Ends an application: releases its containers, counts it, applies the retention limit. */
  void finish(
      SimulatedApplication application,
      ApplicationState state,
      FinalStatus finalStatus,
      String diagnostics) {
    long now = simulation.now();
    application.accrue(now);
    for (SimulatedContainer container : application.containers()) {
      container.node().release(container);
      application.removeContainer(container, now, false);
      decommissionIfEmpty(container.node());
    }
    application.finish(state, finalStatus, diagnostics, now);
    for (SimulatedNode node : application.nodesUsed()) {
      node.forget(application);
      decommissionIfEmpty(node);
    }
    application.nodesUsed().clear();
    active.remove(application);
    switch (state) {
      case FINISHED -> appsCompleted++;
      case FAILED -> appsFailed++;
      case KILLED -> appsKilled++;
      case NEW, NEW_SAVING, SUBMITTED, ACCEPTED, RUNNING ->
          throw new IllegalArgumentException("not a terminal state: " + state);
    }
    completed.addLast(application);
    while (completed.size() > maxCompletedApplications) {
      applications.remove(completed.pollFirst().id());
    }
    scheduler.requestPass();
    for (Consumer<SimulatedApplication> listener : finishListeners) {
      listener.accept(application);
    }
  }

  /** YARN's graceful decommission ends once no container and no application runs on the node. */
  void decommissionIfEmpty(SimulatedNode node) {
    if (node.state() == NodeState.DECOMMISSIONING
        && node.numContainers() == 0
        && node.runningApplications().isEmpty()) {
      node.state(NodeState.DECOMMISSIONED, simulation.now());
    }
  }
}
