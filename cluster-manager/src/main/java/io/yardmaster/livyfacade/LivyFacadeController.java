package io.yardmaster.livyfacade;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
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
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.api.JobRequestValidator;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * Livy's batch API over Yardmaster's jobs, so that the stock Airflow LivyOperator (sync and
 * deferrable) and other Livy clients work unchanged: point the connection's host at {@code
 * http://yardmaster:8080/livy}. Authenticated by the team's token, as a bearer or as the password
 * of HTTP basic auth. Every answer is JSON, errors included ({@code msg} as Livy writes it).
 */
@Controller("/livy/batches")
@Requires(property = Roles.API, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "livy")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@SecurityScheme(
    name = "basic",
    type = SecuritySchemeType.HTTP,
    scheme = "basic",
    description = "any login (the team name, say) and the team's token as the password; /livy only")
@ApiResponse(
    responseCode = "400",
    description = "bad input: the fields or parameters at fault",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
@ApiResponse(
    responseCode = "401",
    description = "no token, or an unknown, revoked or expired one",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
@ApiResponse(
    responseCode = "406",
    description = "the client accepts no JSON: every answer is JSON",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
@ApiResponse(
    responseCode = "413",
    description = "the request line, headers or body are too large",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
public final class LivyFacadeController {
  static final int MAX_PAGE_SIZE = 1000;
  private static final String NOT_FOUND = "no such batch, or another team's";

  private final LivyFacadeService service;

  public LivyFacadeController(LivyFacadeService service) {
    this.service = service;
  }

  @Post
  @Operation(
      operationId = "submitLivyBatch",
      summary = "Submit a batch, as Livy's POST /batches",
      description =
          "A Yardmaster job, routed as for POST /api/v1/jobs: yardmaster.target.* conf keys, else"
              + " the team's default target, else any cluster. Livy clients send no"
              + " Idempotency-Key, so a retried POST makes a second batch; with the header, the"
              + " same key and body answer the first batch (200).")
  @ApiResponse(
      responseCode = "201",
      description = "a new batch",
      content = @Content(schema = @Schema(implementation = LivyViews.Batch.class)))
  @ApiResponse(
      responseCode = "200",
      description = "the batch this Idempotency-Key made before",
      content = @Content(schema = @Schema(implementation = LivyViews.Batch.class)))
  @ApiResponse(
      responseCode = "409",
      description = "the key was used with a different request (IDEMPOTENCY_KEY_REUSED)",
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  @ApiResponse(
      responseCode = "415",
      description = "the body is not application/json",
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  public HttpResponse<LivyViews.Batch> submit(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "optional; Livy clients send none")
          @Nullable
          @Header("Idempotency-Key")
          @jakarta.validation.constraints.Pattern(regexp = JobRequestValidator.KEY_PATTERN)
          String idempotencyKey,
      @Body LivyBatchRequest request) {
    LivyFacadeService.Submitted submitted = service.submit(caller, idempotencyKey, request);
    LivyViews.Batch batch = view(submitted.id(), submitted.job());
    return submitted.created() ? HttpResponse.created(batch) : HttpResponse.ok(batch);
  }

  @Get
  @Operation(
      operationId = "listLivyBatches",
      summary = "A team's batches, oldest first, as Livy's GET /batches")
  public LivyViews.Page list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Nullable @QueryValue @Min(0) @Max(Integer.MAX_VALUE) Integer from,
      @Nullable @QueryValue @Min(1) @Max(MAX_PAGE_SIZE) Integer size) {
    int start = from == null ? 0 : from;
    int count = size == null ? 100 : size;
    page(start, count);
    LivyFacadeService.Page page = service.list(caller, start, count);
    List<LivyViews.Batch> sessions =
        page.batches().stream().map(entry -> view(entry.getKey(), entry.getValue())).toList();
    return new LivyViews.Page(start, page.total(), sessions);
  }

  @Get("/{id}")
  @Operation(operationId = "getLivyBatch", summary = "A batch, with its appId")
  @ApiResponse(
      responseCode = "200",
      description = "the batch",
      content = @Content(schema = @Schema(implementation = LivyViews.Batch.class)))
  @ApiResponse(
      responseCode = "404",
      description = NOT_FOUND,
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  public LivyViews.Batch get(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable int id) {
    return view(id, service.job(caller, id));
  }

  @Get("/{id}/state")
  @Operation(
      operationId = "getLivyBatchState",
      summary = "A batch's state: one of Livy's batch states")
  @ApiResponse(
      responseCode = "200",
      description = "the state",
      content = @Content(schema = @Schema(implementation = LivyViews.State.class)))
  @ApiResponse(
      responseCode = "404",
      description = NOT_FOUND,
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  public LivyViews.State state(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable int id) {
    return new LivyViews.State(id, LivyStates.of(service.job(caller, id)));
  }

  @Get("/{id}/log")
  @Operation(
      operationId = "getLivyBatchLog",
      summary = "A page of a batch's log: Livy's submit log, then YARN's diagnostics",
      description = "Always 200 for a batch that exists; past the end, an empty log.")
  @ApiResponse(
      responseCode = "200",
      description = "the lines from 'from'",
      content = @Content(schema = @Schema(implementation = LivyViews.Log.class)))
  @ApiResponse(
      responseCode = "404",
      description = NOT_FOUND,
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  public LivyViews.Log log(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable int id,
      @Nullable @QueryValue @Min(0) @Max(Integer.MAX_VALUE) Integer from,
      @Nullable @QueryValue @Min(1) @Max(MAX_PAGE_SIZE) Integer size) {
    int start = from == null ? 0 : from;
    int count = size == null ? 100 : size;
    page(start, count);
    List<String> lines = service.log(caller, id);
    List<String> page =
        start >= lines.size()
            ? List.of()
            : lines.subList(start, (int) Math.min(lines.size(), (long) start + count));
    return new LivyViews.Log(id, start, lines.size(), page);
  }

  @Delete("/{id}")
  @Operation(
      operationId = "deleteLivyBatch",
      summary = "Kill a batch, as Livy's DELETE /batches/{id}",
      description =
          "Kills the app (through Livy, or YARN when Livy lost the batch). A finished batch is"
              + " left as it is, and answered the same. The batch stays visible, killed.")
  @ApiResponse(
      responseCode = "200",
      description = "{\"msg\": \"deleted\"}",
      content = @Content(schema = @Schema(implementation = LivyViews.Message.class)))
  @ApiResponse(
      responseCode = "404",
      description = NOT_FOUND,
      content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
  public HttpResponse<LivyViews.Message> delete(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable int id) {
    service.kill(caller, id);
    return HttpResponse.<LivyViews.Message>status(HttpStatus.OK)
        .body(new LivyViews.Message("deleted"));
  }

  private static LivyViews.Batch view(int id, Job job) {
    return new LivyViews.Batch(
        id,
        job.request().batch() == null ? null : job.request().batch().name(),
        job.team(),
        null,
        LivyStates.of(job),
        job.progress().appId(),
        new LivyViews.AppInfo(job.progress().driverLogUrl(), job.progress().sparkUiUrl()),
        List.of(),
        job.id());
  }

  private static void page(int from, int size) {
    if (from < 0 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new ApiException(
          ApiErrorCode.INVALID_PAGE,
          "from >= 0 and 1 <= size <= " + MAX_PAGE_SIZE,
          List.of("from", "size"));
    }
  }
}
