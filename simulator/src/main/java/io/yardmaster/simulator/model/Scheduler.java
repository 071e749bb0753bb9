package io.yardmaster.simulator.model;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cluster's scheduler: applications wait in submission order; a scheduling pass (run as an
 * event whenever something changed) places their driver and executor asks, each on the node the
 * {@link PlacementPolicy} prefers, found through a {@link NodeIndex} rather than by a scan of every
 * node. Drivers go only to on-demand nodes while the cluster has any.
 */
final class Scheduler {
  private final SimulatedCluster cluster;
  private final Simulation simulation;
  private final NodeIndex schedulable;
  private final Set<SimulatedApplication> waiting = new LinkedHashSet<>();
  private boolean passRequested;
  private long containerSequence;

  Scheduler(SimulatedCluster cluster, Simulation simulation, PlacementPolicy placement) {
    this.cluster = cluster;
    this.simulation = simulation;
    this.schedulable = new NodeIndex(placement);
  }

  void schedulable(SimulatedNode node) {
    schedulable.add(node);
    requestPass();
  }

  void unschedulable(SimulatedNode node) {
    schedulable.remove(node);
  }

  void waiting(SimulatedApplication application) {
    if (application.waiting()) {
      waiting.add(application);
      requestPass();
    }
  }

  void requestPass() {
    if (!passRequested && !waiting.isEmpty()) {
      passRequested = true;
      simulation.schedule(simulation.now(), this::pass);
    }
  }

  private void pass() {
    passRequested = false;
    if (schedulable.isEmpty()) {
      return;
    }
    boolean onDemandExists = schedulable.hasOnDemand();
    List<Resources> driverMisses = new ArrayList<>();
    List<Resources> executorMisses = new ArrayList<>();
    for (SimulatedApplication application : List.copyOf(waiting)) {
      if (application.driverPending()) {
        placeDriver(application, onDemandExists, driverMisses);
      } else {
        placeExecutors(application, executorMisses);
      }
      if (!application.waiting()) {
        waiting.remove(application);
      }
    }
  }

  private void placeDriver(
      SimulatedApplication application, boolean onDemandOnly, List<Resources> misses) {
    Resources ask = application.spec().driver();
    if (missed(misses, ask)) {
      return;
    }
    SimulatedNode node = choose(ask, onDemandOnly);
    if (node == null) {
      misses.add(ask);
      return;
    }
    allocate(application, node, ContainerKind.APPLICATION_MASTER, ask);
    simulation.schedule(
        simulation.now() + SimulatedCluster.DRIVER_LAUNCH_MILLIS, () -> launched(application));
  }

  private void launched(SimulatedApplication application) {
    if (application.state() != ApplicationState.ACCEPTED) {
      return;
    }
    application.launched(simulation.now());
    rescheduleCompletion(application);
    waiting(application);
  }

  private void placeExecutors(SimulatedApplication application, List<Resources> misses) {
    Resources ask = application.spec().executor();
    boolean placed = false;
    while (application.executorsPending() > 0 && !missed(misses, ask)) {
      SimulatedNode node = choose(ask, false);
      if (node == null) {
        misses.add(ask);
        break;
      }
      if (!placed) {
        application.accrue(simulation.now());
        placed = true;
      }
      allocate(application, node, ContainerKind.EXECUTOR, ask);
    }
    if (placed) {
      rescheduleCompletion(application);
    }
  }

  /** An ask at least as large as one that found no node in this pass will not find one either. */
  private static boolean missed(List<Resources> misses, Resources ask) {
    for (Resources miss : misses) {
      if (ask.atLeast(miss)) {
        return true;
      }
    }
    return false;
  }

  private SimulatedNode choose(Resources ask, boolean onDemandOnly) {
    return schedulable.best(ask, onDemandOnly);
  }

  private void allocate(
      SimulatedApplication application, SimulatedNode node, ContainerKind kind, Resources ask) {
    String applicationSuffix = application.id().substring("application_".length());
    SimulatedContainer container =
        new SimulatedContainer(
            String.format(
                Locale.ROOT, "container_%s_01_%06d", applicationSuffix, ++containerSequence),
            application,
            node,
            kind,
            ask,
            simulation.now());
    node.add(container);
    application.addContainer(container);
  }

  /** Replaces the completion event after the application's rate changed. */
  void rescheduleCompletion(SimulatedApplication application) {
    if (application.completion != null) {
      application.completion.cancel();
      application.completion = null;
    }
    long remaining = application.remainingMillis();
    if (remaining >= 0) {
      application.completion =
          simulation.schedule(simulation.now() + remaining, () -> complete(application));
    }
  }

  private void complete(SimulatedApplication application) {
    String failure = application.spec().failure();
    if (failure == null) {
      cluster.finish(application, ApplicationState.FINISHED, FinalStatus.SUCCEEDED, "");
    } else {
      cluster.finish(application, ApplicationState.FINISHED, FinalStatus.FAILED, failure);
    }
  }
}
