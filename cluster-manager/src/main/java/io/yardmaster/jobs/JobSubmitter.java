package io.yardmaster.jobs;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.clusters.ClusterState;
import io.yardmaster.clusters.ClusterStateRepository;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.ClusterUsage;
import io.yardmaster.health.PeerHealthMonitor;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's sender. Each tick: resolves submissions whose outcome is unknown (lease expired),
 * then takes QUEUED jobs in order, routes them, admits them (cluster starting cap, team running
 * quota) and submits them. A job is claimed (QUEUED to SUBMITTING, compare-and-set) before Livy is
 * called, so two replicas never submit one job.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
public final class JobSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(JobSubmitter.class);
  private static final int BATCH = 500;

  private final JdbcJobStore store;
  private final ComputeBackend backend;
  private final ClusterRegistry registry;
  private final ClusterStateRepository clusterStates;
  private final TeamRepository teams;
  private final SubmissionRecovery recovery;
  private final LivyCircuitBreaker breaker;
  private final PeerHealthMonitor health;
  private final Clock clock;
  private final Duration lease;

  public JobSubmitter(
      JdbcJobStore store,
      ComputeBackend backend,
      ClusterRegistry registry,
      ClusterStateRepository clusterStates,
      TeamRepository teams,
      SubmissionRecovery recovery,
      LivyCircuitBreaker breaker,
      PeerHealthMonitor health,
      Clock clock,
      @Property(name = "yardmaster.jobs.submit-lease", defaultValue = "45s") Duration lease) {
    this.store = store;
    this.backend = backend;
    this.registry = registry;
    this.clusterStates = clusterStates;
    this.teams = teams;
    this.recovery = recovery;
    this.breaker = breaker;
    this.health = health;
    this.clock = clock;
    this.lease = lease;
  }

  @Scheduled(fixedDelay = "${yardmaster.jobs.submit-interval:500ms}", initialDelay = "1s")
  void tick() {
    try {
      runOnce(clock.instant());
    } catch (RuntimeException e) {
      LOG.warn("submitter tick failed; retrying next tick", e);
    }
  }

  /** One pass over the outbox; returns how many jobs were handed to Livy. */
  public int runOnce(Instant now) {
    for (Job job : store.inStates(List.of(JobState.SUBMITTING), BATCH)) {
      if (job.progress().leaseUntil() == null || !job.progress().leaseUntil().isAfter(now)) {
        recovery.resolve(job, now);
      }
    }
    List<Job> queued = store.inStates(List.of(JobState.QUEUED), BATCH);
    if (queued.isEmpty()) {
      return 0;
    }
    Map<String, ClusterUsage> usage = new HashMap<>();
    for (ClusterConfig cluster : registry.clusters()) {
      health.usage(cluster.name()).ifPresent(reading -> usage.put(cluster.name(), reading));
    }
    Admission admission = new Admission(registry, teamsByName(), store.activeCounts(), usage);
    Set<String> drained =
        StreamSupport.stream(clusterStates.findAll().spliterator(), false)
            .filter(ClusterState::drained)
            .map(ClusterState::cluster)
            .collect(Collectors.toSet());
    Map<String, String> failing = new HashMap<>();
    for (ClusterConfig cluster : registry.clusters()) {
      breaker.open(cluster.name()).ifPresent(why -> failing.put(cluster.name(), why));
    }
    int submitted = 0;
    for (Job job : admission.inPriorityOrder(queued)) {
      Routing.Fleet fleet = new Routing.Fleet(drained, failing, admission.loads());
      Routing.Decision route =
          Routing.decide(registry, job.request().target(), job.progress().refusedBy(), fleet);
      Optional<String> waitReason =
          route.cluster().isEmpty()
              ? Optional.of(route.reason())
              : admission.blocker(job, route.cluster().get());
      if (waitReason.isPresent()) {
        waitWith(job, waitReason.get(), now);
        continue;
      }
      String cluster = route.cluster().get();
      JobProgress claim =
          job.progress().toBuilder()
              .moveTo(JobState.SUBMITTING, now)
              .cluster(cluster, route.reason())
              .attempt(now.plus(lease))
              .build(now);
      Optional<Job> claimed = store.update(job, claim);
      if (claimed.isEmpty()) {
        continue;
      }
      admission.admitted(job, cluster);
      if (send(claimed.get(), admission.team(job.team()))) {
        submitted++;
      }
    }
    return submitted;
  }

  private boolean send(Job job, Team team) {
    ClusterConfig cluster = registry.cluster(job.progress().cluster()).orElseThrow();
    BatchSubmission submission = Submissions.of(job, team, cluster);
    Instant now;
    try {
      BatchStatus batch = backend.submit(cluster, submission);
      breaker.succeeded(cluster.name());
      now = clock.instant();
      Instant at = now;
      settle(
          job,
          next ->
              next.moveTo(JobState.STARTING, at)
                  .batch(batch.id(), submission.name())
                  .app(batch.appId(), batch.sparkUiUrl(), batch.driverLogUrl())
                  .lease(null),
          now);
      return true;
    } catch (BackendException e) {
      now = clock.instant();
      switch (e.kind()) {
        case NOT_SENT, OUTCOME_UNKNOWN -> breaker.failed(cluster.name(), e.getMessage());
        case BUSY, REJECTED, DUPLICATE -> breaker.succeeded(cluster.name());
      }
      Instant at = now;
      settle(job, next -> failed(next, e, cluster.name(), at), now);
      return false;
    }
  }

  private static JobProgress.Builder failed(
      JobProgress.Builder next, BackendException e, String cluster, Instant now) {
    return switch (e.kind()) {
      case NOT_SENT, BUSY ->
          next.requeue(now, "submission to " + cluster + " failed, retrying: " + e.getMessage());
      case REJECTED ->
          next.moveTo(JobState.FAILED, now)
              .outcome("REJECTED", "Livy on " + cluster + " refused the batch: " + e.getMessage());
      case DUPLICATE, OUTCOME_UNKNOWN ->
          next.lease(now).diagnostics("outcome unknown, looking for the app: " + e.getMessage());
    };
  }

  /**
   * Writes what became of a submission. A kill recorded while Livy was being called changes the
   * row, so the compare-and-set fails: apply the outcome again to the fresh row (which carries the
   * kill) rather than leave the job to lease recovery.
   */
  private void settle(Job job, UnaryOperator<JobProgress.Builder> outcome, Instant now) {
    Job current = job;
    for (int attempt = 0; attempt < 5; attempt++) {
      if (store
          .update(current, outcome.apply(current.progress().toBuilder()).build(now))
          .isPresent()) {
        return;
      }
      Optional<Job> fresh = store.find(job.id());
      if (fresh.isEmpty() || fresh.get().state() != JobState.SUBMITTING) {
        return;
      }
      current = fresh.get();
    }
  }

  private void waitWith(Job job, String reason, Instant now) {
    if (!reason.equals(job.progress().queueReason())) {
      store.update(job, job.progress().toBuilder().queueReason(reason).build(now));
    }
  }

  private Map<String, Team> teamsByName() {
    Map<String, Team> byName = new HashMap<>();
    teams.findAll().forEach(team -> byName.put(team.name(), team));
    return byName;
  }
}
