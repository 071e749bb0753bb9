package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A YARN application (a Spark job in cluster mode): a driver container, then executors, and work
 * that progresses at a rate proportional to the executors it holds — with half of them it takes
 * twice as long. Read it under {@link Fleet#locked(java.util.function.Supplier)}.
 */
public final class SimulatedApplication {
  private final String id;
  private final ApplicationSpec spec;
  private final long submittedMillis;
  private final List<SimulatedContainer> containers = new ArrayList<>();
  private final Set<SimulatedNode> nodesUsed = new LinkedHashSet<>();
  private ApplicationState state = ApplicationState.ACCEPTED;
  private FinalStatus finalStatus = FinalStatus.UNDEFINED;
  private String diagnostics = "";
  private long launchedMillis = -1;
  private long finishedMillis = -1;
  private boolean driverPending = true;
  private int executorsPending;
  private int executorsRunning;
  private int executorsLost;
  private int executorsReleased;
  private SimulatedContainer driverContainer;
  private double progress;
  private long progressMillis;
  private long finishedMemoryMillis;
  private long finishedVcoreMillis;
  Simulation.Cancellable completion;

  SimulatedApplication(String id, ApplicationSpec spec, long submittedMillis) {
    this.id = requireNonNull(id, "id is null");
    this.spec = requireNonNull(spec, "spec is null");
    this.submittedMillis = submittedMillis;
    this.progressMillis = submittedMillis;
  }

  public String id() {
    return id;
  }

  public ApplicationSpec spec() {
    return spec;
  }

  public ApplicationState state() {
    return state;
  }

  public FinalStatus finalStatus() {
    return finalStatus;
  }

  public String diagnostics() {
    return diagnostics;
  }

  /** Submission time; YARN reports it as {@code startedTime}. */
  public long submittedMillis() {
    return submittedMillis;
  }

  /** When the driver (AM) container started, or -1. */
  public long launchedMillis() {
    return launchedMillis;
  }

  /** When it reached a terminal state, or -1. */
  public long finishedMillis() {
    return finishedMillis;
  }

  public int executorsRunning() {
    return executorsRunning;
  }

  public int executorsPending() {
    return executorsPending;
  }

  /** Executors lost with their node (eviction, VM deletion) and asked for again. */
  public int executorsLost() {
    return executorsLost;
  }

  public boolean driverPending() {
    return driverPending;
  }

  /** The driver (AM) container, kept after it ended, or null before one was allocated. */
  public SimulatedContainer driverContainer() {
    return driverContainer;
  }

  public List<SimulatedContainer> containers() {
    return List.copyOf(containers);
  }

  public int runningContainers() {
    return containers.size();
  }

  public Resources allocated() {
    Resources total = Resources.ZERO;
    for (SimulatedContainer container : containers) {
      total = total.plus(container.resources());
    }
    return total;
  }

  /** What it still waits for: the driver, or the executors not yet placed. */
  public Resources pending() {
    Resources executors = spec.executor().times(executorsPending);
    return driverPending ? executors.plus(spec.driver()) : executors;
  }

  public int pendingContainers() {
    return executorsPending + (driverPending ? 1 : 0);
  }

  /** Progress 0..1 at {@code now}. */
  public double progress(long now) {
    return Math.min(1.0, progress + rate() * (now - progressMillis));
  }

  /** MB-seconds allocated up to {@code now}, as YARN's {@code memorySeconds}. */
  public long memorySeconds(long now) {
    long millis = finishedMemoryMillis;
    for (SimulatedContainer container : containers) {
      millis += container.resources().memoryMb() * (now - container.startMillis());
    }
    return millis / 1000;
  }

  /** Vcore-seconds allocated up to {@code now}, as YARN's {@code vcoreSeconds}. */
  public long vcoreSeconds(long now) {
    long millis = finishedVcoreMillis;
    for (SimulatedContainer container : containers) {
      millis += container.resources().vcores() * (now - container.startMillis());
    }
    return millis / 1000;
  }

  /** Every node that has run one of its containers (where it stays RUNNING until it ends). */
  Set<SimulatedNode> nodesUsed() {
    return nodesUsed;
  }

  boolean waiting() {
    return !state.terminal() && (driverPending || executorsPending > 0);
  }

  /**
   * Work per millisecond: executors running (or released, their share done) / executors requested /
   * duration.
   */
  private double rate() {
    if (state != ApplicationState.RUNNING) {
      return 0;
    }
    long duration = Math.max(1, spec.duration().toMillis());
    if (spec.executors() == 0) {
      return 1.0 / duration;
    }
    return (double) (executorsRunning + executorsReleased) / spec.executors() / duration;
  }

  /** Banks progress up to now; call before the executor count or the state changes. */
  void accrue(long now) {
    progress = progress(now);
    progressMillis = now;
  }

  /** Milliseconds to completion at the current rate, or -1 when it does not progress. */
  long remainingMillis() {
    double rate = rate();
    if (rate <= 0) {
      return -1;
    }
    return (long) Math.ceil((1.0 - progress) / rate);
  }

  void addContainer(SimulatedContainer container) {
    containers.add(container);
    nodesUsed.add(container.node());
    switch (container.kind()) {
      case APPLICATION_MASTER -> {
        driverPending = false;
        driverContainer = container;
      }
      case EXECUTOR -> {
        executorsPending--;
        executorsRunning++;
      }
    }
  }

  void removeContainer(SimulatedContainer container, long now, boolean lost) {
    if (!containers.remove(container)) {
      return;
    }
    long millis = now - container.startMillis();
    finishedMemoryMillis += container.resources().memoryMb() * millis;
    finishedVcoreMillis += container.resources().vcores() * millis;
    if (container.kind() == ContainerKind.EXECUTOR) {
      executorsRunning--;
      if (lost) {
        executorsLost++;
        executorsPending++;
      }
    }
  }

  /** An executor given back before the end: its share of the work counts as done. */
  void releaseExecutor(SimulatedContainer container, long now) {
    if (container.kind() != ContainerKind.EXECUTOR || !containers.contains(container)) {
      return;
    }
    accrue(now);
    removeContainer(container, now, false);
    executorsReleased++;
  }

  /** A past app, ended already, with the resource-seconds it was allocated (history replay). */
  static SimulatedApplication past(
      String id,
      ApplicationSpec spec,
      long submittedMillis,
      long launchedMillis,
      long finishedMillis,
      long vcoreSeconds,
      long memoryMbSeconds,
      boolean failed) {
    SimulatedApplication application = new SimulatedApplication(id, spec, submittedMillis);
    application.launchedMillis = launchedMillis;
    application.finishedVcoreMillis = vcoreSeconds * 1000;
    application.finishedMemoryMillis = memoryMbSeconds * 1000;
    application.progress = 1.0;
    application.finish(
        failed ? ApplicationState.FAILED : ApplicationState.FINISHED,
        failed ? FinalStatus.FAILED : FinalStatus.SUCCEEDED,
        failed ? "replayed failure" : "",
        finishedMillis);
    return application;
  }

  void launched(long now) {
    state = ApplicationState.RUNNING;
    launchedMillis = now;
    progressMillis = now;
    executorsPending = spec.executors();
  }

  void finish(ApplicationState state, FinalStatus finalStatus, String diagnostics, long now) {
    this.state = state;
    this.finalStatus = finalStatus;
    this.diagnostics = diagnostics;
    this.finishedMillis = now;
    this.driverPending = false;
    this.executorsPending = 0;
    if (completion != null) {
      completion.cancel();
    }
  }
}
