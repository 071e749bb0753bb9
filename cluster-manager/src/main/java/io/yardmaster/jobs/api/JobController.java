package io.yardmaster.jobs.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobEtags;
import io.yardmaster.jobs.JobService;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.store.JobFilter;
import io.yardmaster.jobs.tracking.JobWatcher;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** Spark jobs: submit (idempotent), poll cheaply, list, kill, read the log. */
@Controller("/api/v1/jobs")
@Requires(property = Roles.API, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "jobs")
@SecurityRequirement(name = "bearer")
public final class JobController {
  static final Duration MAX_WAIT = Duration.ofSeconds(60);
  static final int MAX_PAGE_SIZE = 500;
  static final int MAX_PAGE = 100_000;

  private final JobService service;
  private final JobWatcher watcher;

  public JobController(JobService service, JobWatcher watcher) {
    this.service = service;
    this.watcher = watcher;
  }

  @Post
  @Operation(
      summary = "Submit a Spark batch",
      description =
          "Stored before Livy is called. With an Idempotency-Key, the same key and body return the"
              + " existing job (200); the same key with another body is a 409 naming the fields.")
  @ApiResponse(
      responseCode = "201",
      description = "a new job",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @ApiResponse(
      responseCode = "200",
      description = "the job this Idempotency-Key made before",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the key was used with a different request (IDEMPOTENCY_KEY_REUSED)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public HttpResponse<JobView> submit(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "e.g. a hash of dag_id, task_id, run_id, map_index")
          @Nullable
          @Header("Idempotency-Key")
          @jakarta.validation.constraints.Pattern(regexp = JobRequestValidator.KEY_PATTERN)
          String idempotencyKey,
      @Body JobRequest request) {
    JobService.Submitted submitted = service.submit(caller, idempotencyKey, request);
    Job job = submitted.job();
    MutableHttpResponse<JobView> response =
        submitted.created()
            ? HttpResponse.created(JobView.of(job))
            : HttpResponse.ok(JobView.of(job));
    return response
        .header(HttpHeaders.LOCATION, URI.create("/api/v1/jobs/" + job.id()).toString())
        .header(HttpHeaders.ETAG, JobEtags.of(job));
  }

  @Get("/{id}")
  @Operation(
      operationId = "getJob",
      summary = "A job's state, cluster, app and links",
      description =
          "Answers 304 to a matching If-None-Match. With ?wait=30s and If-None-Match, waits up to"
              + " that long (at most 60 s) for the job to change before answering.")
  @ApiResponse(
      responseCode = "200",
      description = "the job",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @ApiResponse(responseCode = "304", description = "unchanged since the If-None-Match ETag")
  public CompletableFuture<HttpResponse<JobView>> get(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String id,
      @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
      @Parameter(description = "how long to wait for a change, e.g. 30s")
          @Nullable
          @QueryValue
          @jakarta.validation.constraints.Pattern(regexp = WAIT_PATTERN)
          String wait) {
    Duration waitFor = parseWait(wait);
    if (ifNoneMatch != null) {
      Optional<String> etag = service.unchanged(caller, id, ifNoneMatch, waitFor.isZero());
      if (etag.isPresent()) {
        return CompletableFuture.completedFuture(
            HttpResponse.<JobView>status(HttpStatus.NOT_MODIFIED)
                .header(HttpHeaders.ETAG, etag.get()));
      }
    }
    Job job = service.visible(caller, id);
    if (ifNoneMatch == null || !ifNoneMatch.equals(JobEtags.of(job))) {
      return CompletableFuture.completedFuture(current(job));
    }
    if (waitFor.isZero() || job.state().terminal()) {
      return CompletableFuture.completedFuture(notModified(job));
    }
    return watcher
        .next(id, job.progress().version())
        .orTimeout(waitFor.toMillis(), TimeUnit.MILLISECONDS)
        .handle((changed, error) -> changed == null ? notModified(job) : current(changed));
  }

  @Get
  @Operation(
      operationId = "listJobs",
      summary = "Jobs, newest first; a team sees its own, an admin all")
  public JobPage list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(
              description = "one of the job states",
              schema = @Schema(implementation = JobState.class))
          @Nullable
          @QueryValue
          String state,
      @Nullable @QueryValue @Size(max = 63) String cluster,
      @Nullable @QueryValue @Size(max = 63) String team,
      @Nullable @QueryValue @Size(max = JobLabels.MAX_LABEL) String dagId,
      @Nullable @QueryValue @Size(max = JobLabels.MAX_LABEL) String taskId,
      @Nullable @QueryValue @Size(max = JobLabels.MAX_LABEL) String runId,
      @Nullable @QueryValue @Min(-1) @Max(1_000_000) Integer mapIndex,
      @Parameter(description = "the Idempotency-Key the job was submitted with")
          @Nullable
          @QueryValue
          @jakarta.validation.constraints.Pattern(regexp = JobRequestValidator.KEY_PATTERN)
          String idempotencyKey,
      @Parameter(
              description = "created at or after (ISO-8601)",
              schema = @Schema(type = "string", format = "date-time"))
          @Nullable
          @QueryValue
          String from,
      @Parameter(
              description = "created before (ISO-8601)",
              schema = @Schema(type = "string", format = "date-time"))
          @Nullable
          @QueryValue
          String to,
      @Nullable @QueryValue @Min(0) @Max(MAX_PAGE) Integer page,
      @Nullable @QueryValue @Min(1) @Max(MAX_PAGE_SIZE) Integer size) {
    int pageNumber = page == null ? 0 : page;
    int pageSize = size == null ? 50 : size;
    if (pageNumber < 0 || pageNumber > MAX_PAGE || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
      throw new ApiException(
          ApiErrorCode.INVALID_PAGE,
          "0 <= page <= " + MAX_PAGE + " and 1 <= size <= " + MAX_PAGE_SIZE,
          List.of("page", "size"));
    }
    if (idempotencyKey != null) {
      JobRequestValidator.validateKey(idempotencyKey);
    }
    bounded("cluster", cluster, 63);
    bounded("team", team, 63);
    bounded("dagId", dagId, JobLabels.MAX_LABEL);
    bounded("taskId", taskId, JobLabels.MAX_LABEL);
    bounded("runId", runId, JobLabels.MAX_LABEL);
    if (mapIndex != null && (mapIndex < -1 || mapIndex > 1_000_000)) {
      throw ApiException.invalidParameter("mapIndex", "mapIndex is -1..1000000, got " + mapIndex);
    }
    JobFilter filter =
        new JobFilter(
            parseState(state),
            cluster,
            team,
            dagId,
            taskId,
            runId,
            mapIndex,
            idempotencyKey,
            instant("from", from),
            instant("to", to));
    List<Job> found = service.list(caller, filter, (long) pageNumber * pageSize, pageSize + 1);
    List<JobView> views = found.stream().limit(pageSize).map(JobView::of).toList();
    return new JobPage(views, pageNumber, pageSize, found.size() > pageSize);
  }

  @Delete("/{id}")
  @Operation(
      summary = "Kill a job",
      description =
          "A QUEUED job is cancelled; otherwise the kill goes to Livy, or to YARN when Livy lost"
              + " the batch. Answers 202 with the job; the state turns KILLED when the app is gone.")
  @ApiResponse(
      responseCode = "202",
      description = "the kill is on its way",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  @ApiResponse(
      responseCode = "200",
      description = "the job is final (killed before, or already ended)",
      content = @Content(schema = @Schema(implementation = JobView.class)))
  public HttpResponse<JobView> kill(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String id) {
    Job job = service.kill(caller, id);
    return HttpResponse.<JobView>status(
            job.state().terminal() ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(JobView.of(job));
  }

  @Get("/{id}/log")
  @Operation(summary = "A page of Livy's submit log for the job, with YARN's diagnostics")
  public JobLog log(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String id,
      @Nullable @QueryValue @Min(0) Integer from,
      @Nullable @QueryValue @Min(1) @Max(1000) Integer size) {
    int start = from == null ? 0 : from;
    int lines = size == null ? 100 : size;
    if (start < 0 || lines < 1 || lines > 1000) {
      throw new ApiException(
          ApiErrorCode.INVALID_PAGE, "from >= 0 and 1 <= size <= 1000", List.of("from", "size"));
    }
    return service.log(caller, id, start, lines);
  }

  private static HttpResponse<JobView> current(Job job) {
    return HttpResponse.ok(JobView.of(job)).header(HttpHeaders.ETAG, JobEtags.of(job));
  }

  private static HttpResponse<JobView> notModified(Job job) {
    return HttpResponse.<JobView>status(HttpStatus.NOT_MODIFIED)
        .header(HttpHeaders.ETAG, JobEtags.of(job));
  }

  private static void bounded(String name, String value, int max) {
    if (value != null && value.length() > max) {
      throw ApiException.invalidParameter(name, name + " has at most " + max + " characters");
    }
  }

  /** 0-60 seconds, as {@code 30s}, {@code 30} or {@code 30000ms}. */
  static final String WAIT_PATTERN = "^((60|[1-5]?[0-9])s?|(60000|[1-5]?[0-9]{1,4})ms)$";

  private static final Pattern WAIT = Pattern.compile(WAIT_PATTERN);

  static Duration parseWait(String wait) {
    if (wait == null) {
      return Duration.ZERO;
    }
    if (!WAIT.matcher(wait).matches()) {
      throw new ApiException(
          ApiErrorCode.INVALID_WAIT,
          "wait is 0 to 60 seconds, like 30s or 500ms, got '"
              + JobRequestValidator.printable(wait)
              + "'",
          List.of("wait"));
    }
    return wait.endsWith("ms")
        ? Duration.ofMillis(Long.parseLong(wait.substring(0, wait.length() - 2)))
        : Duration.ofSeconds(Long.parseLong(wait.replace("s", "")));
  }

  private static JobState parseState(String state) {
    if (state == null) {
      return null;
    }
    try {
      return JobState.valueOf(state);
    } catch (IllegalArgumentException e) {
      throw new ApiException(
          ApiErrorCode.INVALID_STATE,
          "state is one of " + List.of(JobState.values()) + ", got '" + state + "'",
          List.of("state"));
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(
          ApiErrorCode.INVALID_TIME,
          name + " is an ISO-8601 instant like 2026-11-21T10:00:00Z",
          List.of(name));
    }
  }
}
