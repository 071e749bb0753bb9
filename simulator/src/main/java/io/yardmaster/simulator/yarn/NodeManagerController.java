package io.yardmaster.simulator.yarn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.SimulatorConfig;
import io.yardmaster.simulator.model.NodeState;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The REST API of each simulated NodeManager ({@code /ws/v1/node/apps}), at {@code
 * /sim/{cluster}/nm/{host}}, where the RM emulator's {@code nodeHTTPAddress} points. An application
 * is RUNNING on a node while it has not ended and has, or has had, a container there: a real
 * NodeManager keeps it until the RM reports it finished. A node whose NodeManager has stopped
 * (DECOMMISSIONED, LOST) answers 503 where a real one refuses the connection.
 */
@Controller("/sim/{cluster}/nm/{host}/ws/v1/node")
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class NodeManagerController {
  /** The NodeManager's own application states, valid in {@code /apps?state=}. */
  private static final Set<String> NODE_MANAGER_APP_STATES =
      Set.of(
          "NEW",
          "INITING",
          "RUNNING",
          "FINISHING_CONTAINERS_WAIT",
          "APPLICATION_RESOURCES_CLEANINGUP",
          "FINISHED");

  private static final Set<NodeState> STOPPED = Set.of(NodeState.DECOMMISSIONED, NodeState.LOST);

  private final SimulatedFleet simulated;

  public NodeManagerController(SimulatedFleet simulated) {
    this.simulated = simulated;
  }

  @Get(uri = "/apps", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> apps(
      String cluster,
      String host,
      @Nullable @QueryValue String state,
      @Nullable @QueryValue String user) {
    Optional<SimulatedCluster> rm = simulated.fleet().cluster(cluster);
    Optional<SimulatedNode> node = rm.flatMap(found -> found.node(host));
    if (node.isEmpty()) {
      return HttpResponse.notFound(
          remote(
              "NotFoundException",
              "java.lang.Exception: no simulated NodeManager " + host,
              "org.apache.hadoop.yarn.webapp.NotFoundException"));
    }
    List<NodeManagerViews.App> apps;
    try {
      apps =
          simulated
              .fleet()
              .locked(
                  () -> {
                    if (STOPPED.contains(node.get().state())) {
                      return null;
                    }
                    List<NodeManagerViews.App> running = new ArrayList<>();
                    for (SimulatedApplication application : node.get().runningApplications()) {
                      if (matches(application, state, user)) {
                        running.add(view(application, node.get()));
                      }
                    }
                    return running;
                  });
    } catch (YarnBadRequestException e) {
      return HttpResponse.badRequest(remote(e.exception(), e.getMessage(), e.javaClassName()));
    }
    if (apps == null) {
      return HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE)
          .body(
              remote(
                  "ConnectException",
                  "NodeManager " + host + " is not running",
                  "java.net.ConnectException"));
    }
    return HttpResponse.ok(
        new NodeManagerViews.AppsWrapper(new NodeManagerViews.Apps(apps.isEmpty() ? null : apps)));
  }

  /**
   * The NodeManager's filters, checked per application as it does: an unknown state
   * (case-sensitive) or an empty user fails only when the node hosts an application, and a state
   * matches ignoring case.
   */
  private static boolean matches(
      SimulatedApplication application, @Nullable String state, @Nullable String user) {
    if (state != null && !state.isEmpty()) {
      if (!NODE_MANAGER_APP_STATES.contains(state)) {
        throw YarnBadRequestException.illegalArgument(
            "No enum constant org.apache.hadoop.yarn.server.nodemanager.containermanager"
                + ".application.ApplicationState."
                + state);
      }
      if (!"RUNNING".equalsIgnoreCase(state)) {
        return false;
      }
    }
    if (user != null) {
      if (user.isEmpty()) {
        throw YarnBadRequestException.of("Error: You must specify a non-empty string for the user");
      }
      return user.equals(application.spec().user());
    }
    return true;
  }

  private static NodeManagerViews.App view(SimulatedApplication application, SimulatedNode node) {
    List<String> containers = new ArrayList<>();
    for (SimulatedContainer container : node.containers()) {
      if (container.application() == application) {
        containers.add(container.id());
      }
    }
    return new NodeManagerViews.App(
        application.id(),
        "RUNNING",
        application.spec().user(),
        containers.isEmpty() ? null : containers);
  }

  private static YarnViews.RemoteExceptionWrapper remote(
      String exception, String message, String className) {
    return new YarnViews.RemoteExceptionWrapper(
        new YarnViews.RemoteException(exception, message, className));
  }
}
