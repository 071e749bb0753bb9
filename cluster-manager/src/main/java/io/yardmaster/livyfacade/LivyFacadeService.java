package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobService;
import io.yardmaster.jobs.api.JobLog;
import io.yardmaster.jobs.api.JobRequest;
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

  private final JobService jobs;
  private final LivyBatchIds ids;
  private final TeamRepository teams;
  private final Map<String, TeamDefaultTarget> defaults;
  private final Clock clock;

  public LivyFacadeService(
      JobService jobs,
      LivyBatchIds ids,
      TeamRepository teams,
      List<TeamDefaultTarget> defaults,
      Clock clock) {
    this.jobs = jobs;
    this.ids = ids;
    this.teams = teams;
    this.defaults =
        defaults.stream().collect(Collectors.toMap(TeamDefaultTarget::name, Function.identity()));
    this.clock = clock;
  }

  /** A batch and whether this request made it (a repeated Idempotency-Key finds the first). */
  public record Submitted(int id, Job job, boolean created) {}

  public Submitted submit(Caller caller, @Nullable String idempotencyKey, LivyBatchRequest livy) {
    String team = caller.teamOrFail();
    if (livy.proxyUser() != null && !livy.proxyUser().isBlank()) {
      String proxyUser = teams.findById(team).map(t -> t.proxyUser()).orElse(null);
      if (!livy.proxyUser().equals(proxyUser)) {
        throw ApiException.badRequest(
            ApiErrorCode.INVALID_JOB,
            "proxyUser is the team's ("
                + proxyUser
                + "), never the caller's choice: leave it out or send the team's",
            List.of("proxyUser"));
      }
    }
    TeamDefaultTarget fallback = defaults.get(team);
    JobRequest request = LivyRequests.toJob(livy, fallback == null ? null : fallback.target());
    JobService.Submitted submitted = jobs.submit(caller, idempotencyKey, request);
    Job job = submitted.job();
    return new Submitted(
        ids.idOf(job.team(), job.id(), clock.instant()).id(), job, submitted.created());
  }

  /** The job behind a batch id the caller may see. */
  public Job job(Caller caller, int id) {
    LivyBatchIds.Entry entry =
        ids.byId(id).filter(found -> caller.owns(found.team())).orElseThrow(() -> notFound(id));
    return jobs.visible(caller, entry.jobId());
  }

  /** The caller's batches (an admin's: every team's), oldest first, and how many there are. */
  public record Page(long total, List<Map.Entry<Integer, Job>> batches) {}

  public Page list(Caller caller, int from, int size) {
    String team = caller.admin() ? null : caller.team();
    List<Map.Entry<Integer, Job>> batches = new ArrayList<>();
    for (LivyBatchIds.Entry entry : ids.page(team, from, size)) {
      batches.add(Map.entry(entry.id(), jobs.visible(caller, entry.jobId())));
    }
    return new Page(ids.count(team), batches);
  }

  /**
   * The batch's whole log as Livy clients page through it: Livy's submit log, then YARN's
   * diagnostics (unless Livy's log has them already, as it does while it has the batch), then a
   * note when Livy could not be read. Never an error for a batch that exists.
   */
  public List<String> log(Caller caller, int id) {
    Job job = job(caller, id);
    JobLog log = jobs.log(caller, job.id(), 0, MAX_LOG_LINES);
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

  /** Kills the batch's app (through Livy, or YARN when Livy lost it); a finished batch is left. */
  public Job kill(Caller caller, int id) {
    return jobs.kill(caller, job(caller, id).id());
  }

  private static ApiException notFound(int id) {
    return new ApiException(ApiErrorCode.JOB_NOT_FOUND, "Session '" + id + "' not found.");
  }
}
