package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobService;
import io.yardmaster.jobs.api.JobLog;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the Livy-compatible facade does, through the job service only: a Livy batch is a job, known
 * to Livy clients by an integer id of the team's. A team sees only its own batches (another team's
 * id is a 404, as if it did not exist), and finished batches are kept as long as their jobs.
 */
@Singleton
public final class LivyFacadeService {
  /** How much of a job's Livy log the facade reads to page through it with the diagnostics. */
  static final int MAX_LOG_LINES = 1000;

  /** How many of the last log lines {@code GET /batches/{id}} carries: Livy's 10. */
  static final int TAIL = 10;

  private final JobService jobs;
  private final LivyBatchIds ids;
  private final TeamRepository teams;
  private final ClusterRegistry registry;
  private final Map<String, TeamDefaultTarget> defaults;
  private final Clock clock;

  public LivyFacadeService(
      JobService jobs,
      LivyBatchIds ids,
      TeamRepository teams,
      ClusterRegistry registry,
      List<TeamDefaultTarget> defaults,
      Clock clock) {
    this.jobs = jobs;
    this.ids = ids;
    this.teams = teams;
    this.registry = registry;
    this.defaults =
        defaults.stream().collect(Collectors.toMap(TeamDefaultTarget::name, Function.identity()));
    this.clock = clock;
  }

  /** A batch and whether this request made it (a repeated Idempotency-Key finds the first). */
  public record Submitted(int id, Job job, boolean created) {}

  /**
   * @param cluster the cluster of a per-cluster path, where the batch must run; null under {@code
   *     /livy/batches}
   */
  public Submitted submit(
      Caller caller,
      @Nullable String cluster,
      @Nullable String idempotencyKey,
      LivyBatchRequest livy) {
    return LivyOutages.guard(
        "submit a batch",
        () -> {
          String team = caller.teamOrFail();
          known(cluster);
          checkProxyUser(team, livy.proxyUser());
          TeamDefaultTarget fallback = defaults.get(team);
          JobRequest request =
              LivyRequests.toJob(livy, fallback == null ? null : fallback.target(), cluster);
          JobService.Submitted submitted = jobs.submit(caller, idempotencyKey, request);
          Job job = submitted.job();
          return new Submitted(
              ids.idOf(job.team(), job.id(), clock.instant()).id(), job, submitted.created());
        });
  }

  /** The job behind a batch id the caller may see (on {@code cluster}, when one is given). */
  public Job job(Caller caller, @Nullable String cluster, int id) {
    return LivyOutages.guard("read a batch", () -> find(caller, cluster, id));
  }

  /** A batch with the last lines of its log, as Livy's {@code GET /batches/{id}} shows it. */
  public record Shown(Job job, List<String> tail) {}

  public Shown show(Caller caller, @Nullable String cluster, int id) {
    return LivyOutages.guard(
        "read a batch",
        () -> {
          Job job = find(caller, cluster, id);
          List<String> lines = lines(jobs.log(caller, job.id(), 0, MAX_LOG_LINES));
          return new Shown(
              job, List.copyOf(lines.subList(Math.max(0, lines.size() - TAIL), lines.size())));
        });
  }

  /** The caller's batches (an admin's: every team's), oldest first, and how many there are. */
  public record Page(long total, List<Map.Entry<Integer, Job>> batches) {}

  /** Two queries whatever the page's size: the page of ids with the total, then their jobs. */
  public Page list(Caller caller, @Nullable String cluster, int from, int size) {
    return LivyOutages.guard(
        "list batches",
        () -> {
          known(cluster);
          String team = caller.admin() ? null : caller.team();
          LivyBatchIds.Page page = ids.page(team, cluster, from, size);
          Map<String, Job> found =
              jobs.visible(caller, page.entries().stream().map(LivyBatchIds.Entry::jobId).toList());
          List<Map.Entry<Integer, Job>> batches = new ArrayList<>();
          for (LivyBatchIds.Entry entry : page.entries()) {
            Job job = found.get(entry.jobId());
            if (job != null) {
              batches.add(Map.entry(entry.id(), job));
            }
          }
          return new Page(page.total(), batches);
        });
  }

  /**
   * The batch's whole log as Livy clients page through it: Livy's submit log, then YARN's
   * diagnostics (unless Livy's log has them already, as it does while it has the batch), then a
   * note when Livy could not be read. Never an error for a batch that exists.
   */
  public List<String> log(Caller caller, @Nullable String cluster, int id) {
    return LivyOutages.guard(
        "read a batch's log",
        () -> {
          Job job = find(caller, cluster, id);
          return lines(jobs.log(caller, job.id(), 0, MAX_LOG_LINES));
        });
  }

  /** Kills the batch's app (through Livy, or YARN when Livy lost it); a finished batch is left. */
  public Job kill(Caller caller, @Nullable String cluster, int id) {
    return LivyOutages.guard(
        "kill a batch", () -> jobs.kill(caller, find(caller, cluster, id).id()));
  }

  /** Whether a batch is on {@code cluster}: its job runs there, or, not routed yet, names it. */
  static boolean on(Job job, String cluster) {
    String routed = job.progress().cluster();
    if (routed != null) {
      return routed.equals(cluster);
    }
    JobTarget target = job.request().target();
    return target != null && cluster.equals(target.cluster());
  }

  private Job find(Caller caller, @Nullable String cluster, int id) {
    known(cluster);
    LivyBatchIds.Entry entry =
        ids.byId(id).filter(found -> caller.owns(found.team())).orElseThrow(() -> notFound(id));
    Job job = jobs.visible(caller, entry.jobId());
    if (cluster != null && !on(job, cluster)) {
      throw notFound(id);
    }
    return job;
  }

  /** A per-cluster path of a cluster Yardmaster does not know is a 404, as a Livy not there. */
  private void known(@Nullable String cluster) {
    if (cluster != null && registry.cluster(cluster).isEmpty()) {
      throw new ApiException(
          ApiErrorCode.CLUSTER_NOT_FOUND,
          "no cluster named '"
              + LivyViews.printable(cluster)
              + "'; known: "
              + registry.clusters().stream().map(ClusterConfig::name).toList(),
          List.of("cluster"));
    }
  }

  private void checkProxyUser(String team, @Nullable String asked) {
    if (asked == null || asked.isBlank()) {
      return;
    }
    String proxyUser = teams.findById(team).map(t -> t.proxyUser()).orElse(null);
    if (!asked.equals(proxyUser)) {
      throw ApiException.badRequest(
          ApiErrorCode.INVALID_JOB,
          "proxyUser is the team's ("
              + proxyUser
              + "), never the caller's choice: leave it out or send the team's",
          List.of("proxyUser"));
    }
  }

  private static List<String> lines(JobLog log) {
    List<String> lines = new ArrayList<>(log.lines());
    String diagnostics = log.diagnostics();
    // Livy's own log ends with YARN's diagnostics while it has the batch: not twice.
    if (diagnostics != null
        && !diagnostics.isBlank()
        && !String.join("\n", log.lines()).contains(diagnostics.strip())) {
      lines.add("YARN diagnostics:");
      lines.addAll(diagnostics.lines().toList());
    }
    if (log.note() != null && log.lines().isEmpty()) {
      lines.add("yardmaster: " + log.note());
    }
    return lines;
  }

  private static ApiException notFound(int id) {
    return new ApiException(ApiErrorCode.JOB_NOT_FOUND, "Session '" + id + "' not found.");
  }
}
