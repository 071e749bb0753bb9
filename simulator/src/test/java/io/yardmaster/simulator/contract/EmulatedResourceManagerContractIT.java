package io.yardmaster.simulator.contract;

import java.net.URI;

/** The ResourceManager contract against the simulator's ResourceManager emulator. */
class EmulatedResourceManagerContractIT extends ResourceManagerContract {
  @Override
  ResourceManagerTarget openTarget() {
    EmulatedCluster cluster = EmulatedCluster.start();
    return new ResourceManagerTarget() {
      @Override
      public URI root() {
        return cluster.resourceManager();
      }

      @Override
      public boolean reference() {
        return false;
      }

      @Override
      public String startRunningApp(String tag) {
        return cluster.runApp(LivyJob.RUNS_LONG, tag, "RUNNING");
      }

      @Override
      public String runFinishedApp(String tag) {
        return cluster.runApp(LivyJob.SUCCEEDS, tag, "FINISHED");
      }

      @Override
      public String runFailedApp(String tag) {
        return cluster.runApp(LivyJob.FAILS, tag, "FINISHED");
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
