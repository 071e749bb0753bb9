package io.yardmaster.jobs.submission;

import io.micronaut.context.annotation.Requires;
import io.yardmaster.clusters.ClusterState;
import io.yardmaster.clusters.ClusterStateRepository;
import io.yardmaster.core.Roles;
import io.yardmaster.core.Texts;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobProgress;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.JobsConfig;
import io.yardmaster.jobs.admission.Admission;
import io.yardmaster.jobs.admission.Routing;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.jobs.policy.Refusal;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.load.ClusterLoad;
import io.yardmaster.load.ClusterUsage;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's sender. Each tick: resolves submissions whose outcome is unknown (lease expired),
 * then takes every team's oldest QUEUED jobs in fair order ({@link Admission}), routes them among
 * the clusters whose policy takes them, admits them (cluster starting cap, team quotas) and sends
 * them. A job is claimed (QUEUED to SUBMITTING, compare-and-set) before Livy is called, so two
 * replicas never send one job; a job this process cannot prove was never sent is first looked up
 * ({@link PriorSubmissions}), so a database that lost its latest writes never causes a second app.
 * A failure that belongs to one job stays with that job: it waits or fails with its reason, and the
 * tick goes on.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
public final class JobSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(JobSubmitter.class);

  /** Each team's head of line read per tick. */
  static final int PER_TEAM = 20;

  /** Recoveries per tick. */
  static final int RECOVERIES = 500;

  private final JdbcJobStore store;
  private final JobPolicy policy;
  private final ClusterRegistry registry;
  private final ClusterStateRepository clusterStates;
  private final TeamRepository teams;
  private final SubmissionRecovery recovery;
  private final LivyCircuitBreaker breaker;
  private final ClusterLoad load;
  private final NeverSent neverSent;
  private final PriorSubmissions prior;
  private final BatchSender sender;
  private final Duration lease;

  public JobSubmitter(
      JdbcJobStore store,
      JobPolicy policy,
      ClusterRegistry registry,
      ClusterStateRepository clusterStates,
      TeamRepository teams,
      SubmissionRecovery recovery,
      LivyCircuitBreaker breaker,
      ClusterLoad load,
      NeverSent neverSent,
      PriorSubmissions prior,
      BatchSender sender,
      JobsConfig config) {
    this.store = store;
    this.policy = policy;
    this.registry = registry;
    this.clusterStates = clusterStates;
    this.teams = teams;
    this.recovery = recovery;
    this.breaker = breaker;
    this.load = load;
    this.neverSent = neverSent;
    this.prior = prior;
    this.sender = sender;
    this.lease = config.submitLease();
  }

  /**
   * This process has just taken the submitter's lease (at start, or from another replica): what it
   * proved unsent may have been sent by the replica that held the lease meanwhile.
   */
  public void tookOver() {
    neverSent.forgetAll();
  }

  /** One pass over the outbox; returns how many jobs were handed to Livy. */
  public int runOnce(Instant now) {
    for (Job job : store.submittingDue(now, RECOVERIES)) {
      guarded(job, "recovering", () -> recovery.resolve(job, now));
    }
    List<Job> queued = store.queuedHeads(PER_TEAM);
    if (queued.isEmpty()) {
      return 0;
    }
    Admission admission = new Admission(registry, teamsByName(), store.activeCounts(), usage());
    Set<String> drained = drained();
    Map<String, String> failing = new HashMap<>();
    for (ClusterConfig cluster : registry.clusters()) {
      breaker.open(cluster.name()).ifPresent(why -> failing.put(cluster.name(), why));
    }
    PriorSubmissions.Traces traces = lookUpUnproven(queued, admission);
    int[] submitted = {0};
    for (Job job : admission.inFairOrder(queued)) {
      guarded(
          job,
          "submitting",
          () -> {
            if (consider(job, admission, drained, failing, traces, now)) {
              submitted[0]++;
            }
          });
    }
    return submitted[0];
  }

  /** Routes, admits and sends one job; true when Livy created its batch. */
  private boolean consider(
      Job job,
      Admission admission,
      Set<String> drained,
      Map<String, String> failing,
      PriorSubmissions.Traces traces,
      Instant now) {
    if (job.request().batch() == null) {
      fail(job, "UNREADABLE", "the stored request of this job cannot be read", now);
      return false;
    }
    Team team = admission.team(job.team());
    if (team == null) {
      waitWith(job, "team " + job.team() + " is not configured", now);
      return false;
    }
    String unknown = traces.unknown().get(job.id());
    if (unknown != null) {
      waitWith(job, unknown, now);
      return false;
    }
    String foundOn = traces.foundOn().get(job.id());
    if (foundOn != null) {
      adopt(job, foundOn, admission, now);
      return false;
    }
    List<ClusterConfig> candidates =
        policy.candidates(job.request().target(), job.request().batch());
    List<ClusterConfig> admitting =
        candidates.stream()
            .filter(cluster -> policy.refusal(cluster, team, job.request()).isEmpty())
            .toList();
    if (admitting.isEmpty()) {
      fail(job, "REJECTED", noClusterTakesIt(job, team, candidates), now);
      return false;
    }
    Routing.Decision route =
        Routing.decide(
            job.request().target(),
            admitting,
            job.progress().refusedBy(),
            new Routing.Fleet(drained, failing, admission.loads()));
    Optional<String> waitReason =
        route.cluster().isEmpty()
            ? Optional.of(route.reason())
            : admission.blocker(job, route.cluster().get());
    if (waitReason.isPresent()) {
      waitWith(job, waitReason.get(), now);
      return false;
    }
    ClusterConfig cluster = registry.cluster(route.cluster().get()).orElseThrow();
    Optional<Job> claimed = claim(job, cluster.name(), route.reason(), now.plus(lease), now);
    if (claimed.isEmpty()) {
      return false;
    }
    admission.admitted(job, cluster.name());
    return sender.send(
        claimed.get(), team, cluster, policy.conf(cluster, team, job.request().batch()));
  }

  /**
   * A QUEUED job that already has a batch or app (the database lost the write that recorded it):
   * claimed on that cluster with its lease already over, so recovery takes the batch or app as the
   * job's instead of sending it again.
   */
  private void adopt(Job job, String cluster, Admission admission, Instant now) {
    LOG.warn(
        "job {} is QUEUED but {} already has its batch or app (the database lost a write):"
            + " adopting it instead of submitting again",
        job.id(),
        cluster);
    claim(job, cluster, "found in " + cluster + " after a lost write", now, now)
        .ifPresent(
            claimed -> {
              admission.admitted(job, cluster);
              recovery.resolve(claimed, now);
            });
  }

  private Optional<Job> claim(Job job, String cluster, String reason, Instant lease, Instant now) {
    neverSent.claimed(job.id());
    JobProgress claim =
        job.progress().toBuilder()
            .moveTo(JobState.SUBMITTING, now)
            .cluster(cluster, reason)
            .attempt(lease)
            .build(now);
    return store.update(job, claim);
  }

  /** Looks up, in one batch, the queued jobs this process cannot prove were never sent. */
  private PriorSubmissions.Traces lookUpUnproven(List<Job> queued, Admission admission) {
    List<Job> unproven =
        queued.stream()
            .filter(job -> !neverSent.proven(job.id()))
            .filter(job -> job.request().batch() != null && admission.team(job.team()) != null)
            .toList();
    if (unproven.isEmpty()) {
      return new PriorSubmissions.Traces(Map.of(), Map.of());
    }
    PriorSubmissions.Traces traces =
        prior.find(
            unproven, job -> policy.candidates(job.request().target(), job.request().batch()));
    for (Job job : unproven) {
      if (!traces.foundOn().containsKey(job.id()) && !traces.unknown().containsKey(job.id())) {
        neverSent.prove(job.id());
      }
    }
    return traces;
  }

  private String noClusterTakesIt(Job job, Team team, List<ClusterConfig> candidates) {
    if (candidates.isEmpty()) {
      return "no configured cluster matches the job's target any more";
    }
    return "no matching cluster takes the job any more: "
        + candidates.stream()
            .map(
                cluster ->
                    cluster.name()
                        + ": "
                        + policy
                            .refusal(cluster, team, job.request())
                            .map(Refusal::describe)
                            .orElse("takes it"))
            .collect(Collectors.joining("; "));
  }

  /** Runs one job's step; a failure of it is logged with the job and never stops the tick. */
  private void guarded(Job job, String step, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warn("{} job {} failed; it stays as it is and is retried next tick", step, job.id(), e);
    }
  }

  private void fail(Job job, String status, String reason, Instant now) {
    store.update(
        job,
        job.progress().toBuilder().moveTo(JobState.FAILED, now).outcome(status, reason).build(now));
  }

  private void waitWith(Job job, String reason, Instant now) {
    if (!Texts.bounded(reason, JobProgress.MAX_REASON).equals(job.progress().queueReason())) {
      store.update(job, job.progress().toBuilder().queueReason(reason).build(now));
    }
  }

  private Map<String, ClusterUsage> usage() {
    Map<String, ClusterUsage> usage = new HashMap<>();
    for (ClusterConfig cluster : registry.clusters()) {
      load.usage(cluster.name()).ifPresent(reading -> usage.put(cluster.name(), reading));
    }
    return usage;
  }

  private Set<String> drained() {
    return StreamSupport.stream(clusterStates.findAll().spliterator(), false)
        .filter(ClusterState::drained)
        .map(ClusterState::cluster)
        .collect(Collectors.toSet());
  }

  private Map<String, Team> teamsByName() {
    Map<String, Team> byName = new HashMap<>();
    teams.findAll().forEach(team -> byName.put(team.name(), team));
    return byName;
  }
}
