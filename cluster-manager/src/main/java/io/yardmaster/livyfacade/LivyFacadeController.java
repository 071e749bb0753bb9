package io.yardmaster.livyfacade;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import io.yardmaster.jobs.api.JobRequestValidator;
import io.yardmaster.web.auth.Caller;

/**
 * Livy's batch API over Yardmaster's jobs, so that the stock Airflow LivyOperator (sync and
 * deferrable) and other Livy clients work unchanged: point the connection's host at {@code
 * http://yardmaster:8080/livy}. Authenticated by the team's token, as a bearer or as the password
 * of HTTP basic auth. Every answer is JSON, errors included ({@code msg} as Livy writes it); a
 * database failure is a 503, which the async Livy hook retries. {@link LivyClusterController}
 * serves the same under one cluster's path.
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
@ApiResponse(
    responseCode = "503",
    description = "the database is away for now (UNAVAILABLE): retry, as the async Livy hook does",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
public final class LivyFacadeController {
  static final String NOT_FOUND = "no such batch, or another team's";
  static final String SUBMIT =
      "A Yardmaster job, routed as for POST /api/v1/jobs: yardmaster.target.* conf keys, else"
          + " the team's default target, else any cluster. Livy clients send no"
          + " Idempotency-Key, so a retried POST makes a second batch; with the header, the"
          + " same key and body answer the first batch (200).";
  static final String LIST =
      "{from, total, sessions}; each session's log is empty here (GET /batches/{id} has the"
          + " last lines). The page is read in two queries, whatever its size.";

  private final LivyBatches batches;

  LivyFacadeController(LivyBatches batches) {
    this.batches = batches;
  }

  @Post
  @Operation(
      operationId = "submitLivyBatch",
      summary = "Submit a batch, as Livy's POST /batches",
      description = SUBMIT)
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
    return batches.submit(caller, null, idempotencyKey, request);
  }

  @Get
  @Operation(
      operationId = "listLivyBatches",
      summary = "A team's batches, oldest first, as Livy's GET /batches",
      description = LIST)
  public LivyViews.Page list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(schema = @Schema(type = "integer", minimum = "0", defaultValue = "0"))
          @Nullable
          @QueryValue
          String from,
      @Parameter(
              description = "at most 1000: a larger size is cut to 1000",
              schema = @Schema(type = "integer", minimum = "0", defaultValue = "100"))
          @Nullable
          @QueryValue
          String size) {
    return batches.list(caller, null, from, size);
  }

  @Get("/{id}")
  @Operation(
      operationId = "getLivyBatch",
      summary = "A batch, with its appId and the last 10 lines of its log")
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
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.get(caller, null, id);
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
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.state(caller, null, id);
  }

  @Get("/{id}/log")
  @Operation(
      operationId = "getLivyBatchLog",
      summary = "A page of a batch's log: Livy's submit log, then YARN's diagnostics",
      description =
          "Always 200 for a batch that exists; past the end, an empty log. Without from, the last"
              + " size lines, as Livy.")
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
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id,
      @Parameter(schema = @Schema(type = "integer", minimum = "0")) @Nullable @QueryValue
          String from,
      @Parameter(
              description = "at most 1000: a larger size is cut to 1000",
              schema = @Schema(type = "integer", minimum = "0", defaultValue = "100"))
          @Nullable
          @QueryValue
          String size) {
    return batches.log(caller, null, id, from, size);
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
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.delete(caller, null, id);
  }
}
