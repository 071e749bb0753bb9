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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.jobs.api.JobRequestValidator;
import io.yardmaster.web.auth.Caller;

/**
 * The facade under one cluster's path, {@code /livy/{cluster}/batches}: a team that had a Livy
 * server per cluster switches each connection's URL to its cluster's path. A batch submitted here
 * runs on that cluster (a {@code yardmaster.target.*} conf key may only repeat it); reads see the
 * batches on that cluster, and a batch elsewhere is a 404 here. Ids are the team's, the same as
 * under {@code /livy/batches}. An unknown cluster is a 404 ({@code CLUSTER_NOT_FOUND}).
 */
@Controller("/livy/{cluster}/batches")
@Requires(property = Roles.API, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "livy")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "basic")
@ApiResponse(
    responseCode = "400",
    description = "bad input: the fields or parameters at fault",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
@ApiResponse(
    responseCode = "401",
    description = "no token, or an unknown, revoked or expired one",
    content = @Content(schema = @Schema(implementation = LivyViews.Error.class)))
@ApiResponse(
    responseCode = "404",
    description = "no such cluster (CLUSTER_NOT_FOUND), or no such batch on it (JOB_NOT_FOUND)",
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
public final class LivyClusterController {
  private static final String SUBMIT =
      "A Yardmaster job on the path's cluster, with its policy and the team's quotas. Livy"
          + " clients send no Idempotency-Key, so a retried POST makes a second batch; with the"
          + " header, the same key and body answer the first batch (200).";
  private static final String LIST =
      "The batches whose job runs on the cluster, or waits for it; {from, total, sessions}, each"
          + " session's log empty (GET /batches/{id} has the last lines).";

  private final LivyBatches batches;

  LivyClusterController(LivyBatches batches) {
    this.batches = batches;
  }

  @Post
  @Operation(
      operationId = "submitLivyBatchOnCluster",
      summary = "Submit a batch on the cluster of the path, as Livy's POST /batches",
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
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
      @Parameter(description = "optional; Livy clients send none")
          @Nullable
          @Header("Idempotency-Key")
          @jakarta.validation.constraints.Pattern(regexp = JobRequestValidator.KEY_PATTERN)
          String idempotencyKey,
      @Body LivyBatchRequest request) {
    return batches.submit(caller, cluster, idempotencyKey, request);
  }

  @Get
  @Operation(
      operationId = "listLivyBatchesOnCluster",
      summary = "A team's batches on the cluster of the path, oldest first, as Livy's GET /batches",
      description = LIST)
  public LivyViews.Page list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
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
    return batches.list(caller, cluster, from, size);
  }

  @Get("/{id}")
  @Operation(
      operationId = "getLivyBatchOnCluster",
      summary = "A batch, with its appId and the last 10 lines of its log")
  @ApiResponse(
      responseCode = "200",
      description = "the batch",
      content = @Content(schema = @Schema(implementation = LivyViews.Batch.class)))
  public LivyViews.Batch get(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.get(caller, cluster, id);
  }

  @Get("/{id}/state")
  @Operation(
      operationId = "getLivyBatchStateOnCluster",
      summary = "A batch's state: one of Livy's batch states")
  @ApiResponse(
      responseCode = "200",
      description = "the state",
      content = @Content(schema = @Schema(implementation = LivyViews.State.class)))
  public LivyViews.State state(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.state(caller, cluster, id);
  }

  @Get("/{id}/log")
  @Operation(
      operationId = "getLivyBatchLogOnCluster",
      summary = "A page of a batch's log: Livy's submit log, then YARN's diagnostics",
      description =
          "Always 200 for a batch that exists; past the end, an empty log. Without from, the last"
              + " size lines, as Livy.")
  @ApiResponse(
      responseCode = "200",
      description = "the lines from 'from'",
      content = @Content(schema = @Schema(implementation = LivyViews.Log.class)))
  public LivyViews.Log log(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
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
    return batches.log(caller, cluster, id, from, size);
  }

  @Delete("/{id}")
  @Operation(
      operationId = "deleteLivyBatchOnCluster",
      summary = "Kill a batch, as Livy's DELETE /batches/{id}",
      description =
          "Kills the app (through Livy, or YARN when Livy lost the batch). A finished batch is"
              + " left as it is, and answered the same. The batch stays visible, killed.")
  @ApiResponse(
      responseCode = "200",
      description = "{\"msg\": \"deleted\"}",
      content = @Content(schema = @Schema(implementation = LivyViews.Message.class)))
  public HttpResponse<LivyViews.Message> delete(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Parameter(description = "the cluster, as one Livy server per cluster") @PathVariable
          String cluster,
      @Parameter(schema = @Schema(type = "integer", format = "int32", minimum = "0")) @PathVariable
          String id) {
    return batches.delete(caller, cluster, id);
  }
}
