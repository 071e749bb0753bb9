package io.yardmaster.simulator.yarn;

import io.yardmaster.simulator.model.ApplicationState;
import io.yardmaster.simulator.model.Resources;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedContainer;
import io.yardmaster.simulator.model.SimulatedNode;

/** Builds the RM's JSON views of the model's applications and nodes. */
final class YarnApplicationViews {
  static final String VERSION = "3.4.2";
  static final int NODE_MANAGER_WEB_PORT = 8042;

  private YarnApplicationViews() {}

  static YarnViews.App app(
      SimulatedApplication application, long clusterTimestamp, String rmUrl, long now) {
    ApplicationState state = application.state();
    boolean terminal = state.terminal();
    SimulatedContainer driver = application.driverContainer();
    String user = application.spec().user();
    String queue = application.spec().queue();
    String leafQueue = queue.substring(queue.lastIndexOf('.') + 1);
    long finished = Math.max(0, application.finishedMillis());
    Resources allocated = application.allocated();
    return new YarnViews.App(
        application.id(),
        user,
        application.spec().name(),
        leafQueue,
        state.name(),
        application.finalStatus().name(),
        terminal ? 100.0 : 100.0 * application.progress(now),
        switch (state) {
          case NEW, NEW_SAVING, SUBMITTED, ACCEPTED -> "UNASSIGNED";
          case RUNNING -> "ApplicationMaster";
          case FINISHED, FAILED, KILLED -> "History";
        },
        rmUrl + "/proxy/" + application.id() + "/",
        application.diagnostics(),
        clusterTimestamp,
        "SPARK",
        String.join(",", application.spec().tags()),
        0,
        application.submittedMillis(),
        Math.max(0, application.launchedMillis()),
        finished,
        (terminal ? finished : now) - application.submittedMillis(),
        driver == null ? null : containerLogs(driver, user),
        driver == null ? null : driver.node().hostName() + ":" + NODE_MANAGER_WEB_PORT,
        driver == null ? null : driver.node().id(),
        terminal ? -1 : allocated.memoryMb(),
        terminal ? -1 : allocated.vcores(),
        0,
        0,
        terminal ? -1 : application.runningContainers(),
        application.memorySeconds(now),
        application.vcoreSeconds(now),
        0.0,
        0.0,
        0,
        0,
        0,
        0,
        0,
        0,
        terminal ? "SUCCEEDED" : "NOT_START",
        false,
        "",
        "");
  }

  /**
   * Where the node's simulated NodeManager REST API answers: {@code
   * <server>/sim/<cluster>/nm/<host>}, so that {@code http://<nodeHTTPAddress>/ws/v1/node/apps}
   * reaches it. A real one is {@code host:port}; this one has a path, on the address the client
   * reached the RM emulator at.
   */
  static String nodeManagerAddress(String server, String cluster, SimulatedNode node) {
    return server + "/sim/" + cluster + "/nm/" + node.hostName();
  }

  static String containerLogs(SimulatedContainer container, String user) {
    return "http://"
        + container.node().hostName()
        + ":"
        + NODE_MANAGER_WEB_PORT
        + "/node/containerlogs/"
        + container.id()
        + "/"
        + user;
  }

  /**
   * @param httpAddress the node's {@code nodeHTTPAddress}: see {@link #nodeManagerAddress}
   */
  static YarnViews.Node node(SimulatedNode node, String httpAddress) {
    Resources used = node.used();
    Resources available = node.available();
    return new YarnViews.Node(
        "/default-rack",
        node.state().name(),
        node.id(),
        node.hostName(),
        httpAddress,
        node.stateChangedMillis(),
        VERSION,
        "",
        node.numContainers(),
        used.memoryMb(),
        available.memoryMb(),
        used.vcores(),
        available.vcores(),
        0,
        0,
        0,
        0);
  }
}
