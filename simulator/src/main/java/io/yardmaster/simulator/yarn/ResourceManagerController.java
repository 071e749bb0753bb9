package io.yardmaster.simulator.yarn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.yardmaster.simulator.FaultInjector;
import io.yardmaster.simulator.PeerFaults;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.SimulatorConfig;
import io.yardmaster.simulator.model.ClusterMetrics;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The YARN ResourceManager REST API ({@code /ws/v1/cluster}) of a simulated cluster, at {@code
 * /sim/{cluster}/rm}: field names, empty-list shapes and RemoteException error bodies of YARN 3.4.
 */
@Controller("/sim/{cluster}/rm/ws/v1/cluster")
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class ResourceManagerController {
  private static final Pattern APPLICATION_ID = Pattern.compile("application_\\d+_\\d+");

  /** YARN's NodeState values, valid in {@code /nodes?states=}. */
  private static final Set<String> YARN_NODE_STATES =
      Set.of(
          "NEW",
          "RUNNING",
          "UNHEALTHY",
          "DECOMMISSIONED",
          "LOST",
          "REBOOTED",
          "DECOMMISSIONING",
          "SHUTDOWN");

  private final SimulatedFleet simulated;
  private final PeerFaults faults;

  public ResourceManagerController(SimulatedFleet simulated, PeerFaults faults) {
    this.simulated = simulated;
    this.faults = faults;
  }

  @Get(
      uris = {"/", "/info"},
      produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> info(String cluster) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/info",
        rm ->
            HttpResponse.ok(
                new YarnViews.ClusterInfoWrapper(
                    new YarnViews.ClusterInfo(
                        rm.clusterTimestamp(),
                        rm.clusterTimestamp(),
                        "STARTED",
                        "ACTIVE",
                        "org.apache.hadoop.yarn.server.resourcemanager.recovery.NullRMStateStore",
                        YarnApplicationViews.VERSION,
                        YarnApplicationViews.VERSION + " from simulator",
                        "simulated",
                        YarnApplicationViews.VERSION,
                        YarnApplicationViews.VERSION + " from simulator",
                        "simulated",
                        "ResourceManager HA is not enabled."))));
  }

  @Get(uri = "/metrics", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> metrics(String cluster) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/metrics",
        rm -> HttpResponse.ok(new YarnViews.ClusterMetricsWrapper(view(rm.metrics()))));
  }

  @Get(uri = "/nodes", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> nodes(
      String cluster, @Nullable @QueryValue List<String> states, HttpRequest<?> request) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/nodes",
        rm -> {
          List<String> wanted = new ArrayList<>();
          if (states != null) {
            for (String value : states) {
              for (String state : value.split(",")) {
                String upper = state.trim().toUpperCase(Locale.ROOT);
                if (!YARN_NODE_STATES.contains(upper)) {
                  throw YarnBadRequestException.illegalArgument(
                      "No enum constant org.apache.hadoop.yarn.api.records.NodeState." + upper);
                }
              }
            }
            states.forEach(
                value ->
                    wanted.addAll(List.of(value.toUpperCase(java.util.Locale.ROOT).split(","))));
          }
          List<YarnViews.Node> nodes =
              simulated
                  .fleet()
                  .locked(
                      () ->
                          rm.nodes().stream()
                              .filter(
                                  node -> wanted.isEmpty() || wanted.contains(node.state().name()))
                              .map(
                                  node ->
                                      YarnApplicationViews.node(
                                          node,
                                          YarnApplicationViews.nodeManagerAddress(
                                              server(request), cluster, node)))
                              .toList());
          return HttpResponse.ok(
              new YarnViews.NodesWrapper(new YarnViews.Nodes(nodes.isEmpty() ? null : nodes)));
        });
  }

  @Get(uri = "/nodes/{nodeId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> node(String cluster, String nodeId, HttpRequest<?> request) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/nodes/{id}",
        rm -> {
          Optional<SimulatedNode> node = rm.node(nodeId);
          if (node.isEmpty()) {
            return notFound("nodeId, " + nodeId + ", is not found");
          }
          return HttpResponse.ok(
              new YarnViews.NodeWrapper(
                  simulated
                      .fleet()
                      .locked(
                          () ->
                              YarnApplicationViews.node(
                                  node.get(),
                                  YarnApplicationViews.nodeManagerAddress(
                                      server(request), cluster, node.get())))));
        });
  }

  @Get(uri = "/apps", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> apps(
      String cluster,
      @Nullable @QueryValue List<String> states,
      @Nullable @QueryValue String state,
      @Nullable @QueryValue String finalStatus,
      @Nullable @QueryValue String user,
      @Nullable @QueryValue String queue,
      @Nullable @QueryValue List<String> applicationTags,
      @Nullable @QueryValue List<String> applicationTypes,
      @Nullable @QueryValue String startedTimeBegin,
      @Nullable @QueryValue String startedTimeEnd,
      @Nullable @QueryValue String finishedTimeBegin,
      @Nullable @QueryValue String finishedTimeEnd,
      @Nullable @QueryValue String limit) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/apps",
        rm -> {
          ApplicationQuery query =
              ApplicationQuery.parse(
                  states,
                  state,
                  finalStatus,
                  user,
                  queue,
                  applicationTags,
                  applicationTypes,
                  startedTimeBegin,
                  startedTimeEnd,
                  finishedTimeBegin,
                  finishedTimeEnd,
                  limit);
          String rmUrl = resourceManagerUrl(cluster);
          List<YarnViews.App> apps =
              simulated
                  .fleet()
                  .locked(
                      () -> {
                        long now = simulated.fleet().simulation().now();
                        return rm.applications().stream()
                            .filter(query::matches)
                            .limit(query.limit())
                            .map(
                                app ->
                                    YarnApplicationViews.app(
                                        app, rm.clusterTimestamp(), rmUrl, now))
                            .toList();
                      });
          return HttpResponse.ok(
              new YarnViews.AppsWrapper(new YarnViews.Apps(apps.isEmpty() ? null : apps)));
        });
  }

  @Get(uri = "/apps/{appId}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> app(String cluster, String appId) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/apps/{id}",
        rm -> {
          SimulatedApplication application = find(rm, appId);
          String rmUrl = resourceManagerUrl(cluster);
          return HttpResponse.ok(
              new YarnViews.AppWrapper(
                  simulated
                      .fleet()
                      .locked(
                          () ->
                              YarnApplicationViews.app(
                                  application,
                                  rm.clusterTimestamp(),
                                  rmUrl,
                                  simulated.fleet().simulation().now()))));
        });
  }

  @Get(uri = "/apps/{appId}/state", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> appState(String cluster, String appId) {
    return serve(
        cluster,
        "GET /ws/v1/cluster/apps/{id}/state",
        rm ->
            HttpResponse.ok(
                new YarnViews.StateOnly(
                    simulated.fleet().locked(() -> find(rm, appId).state().name()))));
  }

  /**
   * Only KILLED may be asked for. The RM answers 202 (with the state before the kill and a
   * Location) while the kill is in progress, 200 once the app is in a final state.
   */
  @Put(
      uri = "/apps/{appId}/state",
      produces = MediaType.APPLICATION_JSON,
      consumes = MediaType.APPLICATION_JSON)
  public HttpResponse<?> updateAppState(
      String cluster, String appId, @Body YarnViews.AppState target, HttpRequest<?> request) {
    return serve(
        cluster,
        "PUT /ws/v1/cluster/apps/{id}/state",
        rm ->
            simulated
                .fleet()
                .locked(
                    () -> {
                      SimulatedApplication application = find(rm, appId);
                      String current = application.state().name();
                      if (current.equals(target.state())) {
                        return HttpResponse.ok(new YarnViews.StateOnly(current));
                      }
                      if (!"KILLED".equals(target.state())) {
                        throw YarnBadRequestException.of(
                            "Only 'KILLED' is allowed as a target state.");
                      }
                      if (application.state().terminal()) {
                        return HttpResponse.ok(new YarnViews.StateOnly(current));
                      }
                      rm.kill(application.id());
                      return HttpResponse.status(HttpStatus.ACCEPTED)
                          .body(new YarnViews.StateOnly(current))
                          .header("Location", request.getUri().toString());
                    }));
  }

  private SimulatedApplication find(SimulatedCluster rm, String appId) {
    if (!appId.startsWith("application_")) {
      throw YarnBadRequestException.causedBy(
          new IllegalArgumentException(
              "Invalid ApplicationId prefix: "
                  + appId
                  + ". The valid ApplicationId should start with prefix application"));
    }
    if (!APPLICATION_ID.matcher(appId).matches()) {
      throw YarnBadRequestException.causedBy(
          new IllegalArgumentException("Invalid ApplicationId: " + appId));
    }
    return rm.application(appId)
        .orElseThrow(() -> new NotFound("app with id: " + appId + " not found"));
  }

  /** {@code host:port} the client reached this server at (its Host header). */
  private static String server(HttpRequest<?> request) {
    String host = request.getHeaders().get(HttpHeaders.HOST);
    if (host != null && !host.isBlank()) {
      return host;
    }
    return "localhost:" + request.getServerAddress().getPort();
  }

  private String resourceManagerUrl(String cluster) {
    return simulated
        .clusterConfig(cluster)
        .map(config -> config.resourceManagerUrl().toString().replaceAll("/+$", ""))
        .orElse("/sim/" + cluster + "/rm");
  }

  /**
   * Serves one call of {@code operation} (named as in {@code /sim/traffic}), unless an armed fault
   * strikes it: before serving, or after (the work done, the answer lost).
   */
  private HttpResponse<?> serve(
      String cluster, String operation, Function<SimulatedCluster, HttpResponse<?>> action) {
    Optional<SimulatedCluster> rm = simulated.fleet().cluster(cluster);
    if (rm.isEmpty()) {
      return notFound("no simulated cluster " + cluster);
    }
    Optional<FaultInjector.Fault> fault =
        faults.of(cluster, PeerFaults.RESOURCE_MANAGER).next(operation);
    if (fault.isPresent() && !fault.get().afterServing()) {
      return failed(fault.get());
    }
    HttpResponse<?> served = served(rm.get(), action);
    return fault.<HttpResponse<?>>map(ResourceManagerController::failed).orElse(served);
  }

  private static HttpResponse<?> failed(FaultInjector.Fault fault) {
    return HttpResponse.status(HttpStatus.valueOf(fault.status()))
        .body(
            remote("WebApplicationException", fault.text(), "javax.ws.rs.WebApplicationException"));
  }

  private static HttpResponse<?> served(
      SimulatedCluster rm, Function<SimulatedCluster, HttpResponse<?>> action) {
    try {
      return action.apply(rm);
    } catch (NotFound e) {
      return notFound(e.getMessage());
    } catch (YarnBadRequestException e) {
      return HttpResponse.badRequest(remote(e.exception(), e.getMessage(), e.javaClassName()));
    }
  }

  private static HttpResponse<?> notFound(String message) {
    return HttpResponse.notFound(
        remote(
            "NotFoundException",
            "java.lang.Exception: " + message,
            "org.apache.hadoop.yarn.webapp.NotFoundException"));
  }

  private static YarnViews.RemoteExceptionWrapper remote(
      String exception, String message, String className) {
    return new YarnViews.RemoteExceptionWrapper(
        new YarnViews.RemoteException(exception, message, className));
  }

  private static YarnViews.ClusterMetrics view(ClusterMetrics metrics) {
    return new YarnViews.ClusterMetrics(
        metrics.appsSubmitted(),
        metrics.appsCompleted(),
        metrics.appsPending(),
        metrics.appsRunning(),
        metrics.appsFailed(),
        metrics.appsKilled(),
        0,
        metrics.availableMb(),
        metrics.allocatedMb(),
        metrics.pendingMb(),
        0,
        metrics.availableVirtualCores(),
        metrics.allocatedVirtualCores(),
        metrics.pendingVirtualCores(),
        metrics.containersAllocated(),
        0,
        metrics.containersPending(),
        metrics.totalMb(),
        metrics.totalVirtualCores(),
        percent(metrics.allocatedMb(), metrics.totalMb()),
        percent(metrics.allocatedVirtualCores(), metrics.totalVirtualCores()),
        0,
        metrics.totalNodes(),
        metrics.lostNodes(),
        0,
        metrics.decommissioningNodes(),
        metrics.decommissionedNodes(),
        0,
        metrics.activeNodes(),
        0,
        0);
  }

  private static int percent(long part, long whole) {
    return whole == 0 ? 0 : (int) (100 * part / whole);
  }

  /** An unknown application or node: 404 with a NotFoundException body. */
  private static final class NotFound extends RuntimeException {
    NotFound(String message) {
      super(message);
    }
  }
}
