package io.yardmaster.clusters;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.PeerHealthMonitor;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's clusters with their node pools, run-time state and live health; admins drain a
 * cluster (no new jobs are routed to it, running ones go on) and undrain it.
 */
@Controller("/api/v1/clusters")
@Requires(property = Roles.API, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "clusters")
@SecurityRequirement(name = "bearer")
public final class ClusterController {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterController.class);

  private final ClusterRegistry registry;
  private final ClusterStateRepository states;
  private final PeerHealthMonitor health;
  private final Clock clock;

  public ClusterController(
      ClusterRegistry registry,
      ClusterStateRepository states,
      PeerHealthMonitor health,
      Clock clock) {
    this.registry = registry;
    this.states = states;
    this.health = health;
    this.clock = clock;
  }

  @Get
  @Operation(
      operationId = "listClusters",
      summary = "List the clusters and their health; admins also see addresses and node pools")
  public List<ClusterView> list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    return registry.clusters().stream().map(cluster -> view(cluster, caller)).toList();
  }

  @Get("/{name}")
  @Operation(
      operationId = "getCluster",
      summary = "One cluster and its health; admins also see addresses and node pools")
  public ClusterView get(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String name) {
    return view(find(name), caller);
  }

  @Post("/{name}/drain")
  @Operation(
      summary = "Drain a cluster (admin): no new jobs are routed to it; running jobs go on",
      description =
          "Jobs that name the cluster wait in QUEUED until it is undrained; jobs routed by tags go"
              + " to another matching cluster. Draining twice keeps the first drain's time.")
  public ClusterView drain(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String name,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              required = false,
              description = "optional: why the cluster is drained")
          @Nullable
          @Body
          DrainRequest request) {
    caller.requireAdmin();
    ClusterConfig cluster = find(name);
    String reason = request == null || request.reason() == null ? null : request.reason().strip();
    if (reason != null
        && (reason.length() > DrainRequest.MAX_REASON || reason.chars().anyMatch(c -> c < 32))) {
      throw new ApiException(
          ApiErrorCode.INVALID_DRAIN,
          "reason: at most " + DrainRequest.MAX_REASON + " characters, no control characters",
          List.of("reason"));
    }
    change(cluster.name(), true, reason, caller);
    return view(cluster, caller);
  }

  @Post("/{name}/undrain")
  @Operation(summary = "Undrain a cluster (admin): jobs are routed to it again")
  public ClusterView undrain(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String name) {
    caller.requireAdmin();
    ClusterConfig cluster = find(name);
    change(cluster.name(), false, null, caller);
    return view(cluster, caller);
  }

  private void change(String cluster, boolean drained, String reason, Caller caller) {
    ClusterState before = states.findById(cluster).orElse(null);
    if (before != null && before.drained() == drained) {
      return;
    }
    ClusterState after =
        new ClusterState(cluster, drained, reason, "token " + caller.tokenId(), clock.instant());
    if (before == null) {
      states.save(after);
    } else {
      states.update(after);
    }
    LOG.info(
        "cluster {} {} by token {}{}",
        cluster,
        drained ? "drained" : "undrained",
        caller.tokenId(),
        reason == null ? "" : ": " + reason);
  }

  private ClusterConfig find(String name) {
    return registry
        .cluster(name)
        .orElseThrow(
            () ->
                new ApiException(
                    ApiErrorCode.CLUSTER_NOT_FOUND, "no cluster named '" + name + "'"));
  }

  private ClusterView view(ClusterConfig cluster, Caller caller) {
    return ClusterView.of(
        cluster,
        states.findById(cluster.name()).orElse(null),
        health.health(cluster.name()),
        registry.poolsOf(cluster.name()),
        caller.admin());
  }
}
