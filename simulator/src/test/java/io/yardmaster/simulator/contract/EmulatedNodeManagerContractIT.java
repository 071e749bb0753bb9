package io.yardmaster.simulator.contract;

import java.net.URI;

/** The NodeManager contract against the simulator's NodeManager emulator. */
class EmulatedNodeManagerContractIT extends NodeManagerContract {
  @Override
  NodeManagerTarget openTarget() {
    EmulatedCluster cluster = EmulatedCluster.start();
    return new NodeManagerTarget() {
      @Override
      public URI resourceManager() {
        return cluster.resourceManager();
      }

      @Override
      public String startAppWithContainer() {
        return cluster.runApp(LivyJob.RUNS_LONG, ResourceManagerAssertions.newTag(), "RUNNING");
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
