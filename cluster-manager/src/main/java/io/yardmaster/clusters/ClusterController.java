package io.yardmaster.clusters;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.api.ApiError;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.health.PeerHealthMonitor;
import java.util.List;

/** The fleet's clusters with their node pools, run-time state and live health. */
@Controller("/api/v1/clusters")
@Requires(property = Roles.API, notEquals = "false")
@Tag(name = "clusters")
public final class ClusterController {
  private final ClusterRegistry registry;
  private final ClusterStateRepository states;
  private final PeerHealthMonitor health;

  public ClusterController(
      ClusterRegistry registry, ClusterStateRepository states, PeerHealthMonitor health) {
    this.registry = registry;
    this.states = states;
    this.health = health;
  }

  @Get
  @Operation(summary = "List the clusters with their node pools and live health")
  public List<ClusterView> list() {
    return registry.clusters().stream().map(this::view).toList();
  }

  @Get("/{name}")
  @Operation(summary = "One cluster with its node pools and live health")
  public HttpResponse<?> get(@PathVariable String name) {
    return registry
        .cluster(name)
        .<HttpResponse<?>>map(cluster -> HttpResponse.ok(view(cluster)))
        .orElseGet(
            () ->
                HttpResponse.notFound(
                    ApiError.of("CLUSTER_NOT_FOUND", "no cluster named '" + name + "'")));
  }

  private ClusterView view(ClusterConfig cluster) {
    boolean drained = states.findById(cluster.name()).map(ClusterState::drained).orElse(false);
    return ClusterView.of(
        cluster, drained, health.health(cluster.name()), registry.poolsOf(cluster.name()));
  }
}
