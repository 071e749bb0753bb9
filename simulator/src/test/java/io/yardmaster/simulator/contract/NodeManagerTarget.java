package io.yardmaster.simulator.contract;

import java.net.URI;

/** A cluster whose NodeManagers' REST API the contract runs against. */
interface NodeManagerTarget extends AutoCloseable {
  /** The ResourceManager's root above {@code ws/v1/cluster}, ending with a slash. */
  URI resourceManager();

  /** Starts an app that keeps a container running on one NodeManager; returns its id. */
  String startAppWithContainer();

  @Override
  void close();
}
