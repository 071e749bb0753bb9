package io.yardmaster.simulator.contract;

import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import java.net.URI;
import java.util.Set;

/** The ResourceManager contract against a real ResourceManager (Hadoop 3.4.2 MiniYARNCluster). */
class RealResourceManagerContractIT extends ResourceManagerContract {
  @Override
  ResourceManagerTarget openTarget() {
    YarnClusterProcess yarn =
        YarnClusterProcess.start(PeerPaths.fromSystemProperties(), "rm-contract-yarn", 1);
    YarnClientApplications applications = new YarnClientApplications(yarn.hadoopConfDir());
    return new ResourceManagerTarget() {
      @Override
      public URI root() {
        return yarn.webUri();
      }

      @Override
      public boolean reference() {
        return true;
      }

      @Override
      public String startRunningApp(String tag) {
        return applications.startRunning("contract-running", Set.of(tag));
      }

      @Override
      public String runFinishedApp(String tag) {
        return applications.runToSuccess("contract-finished", Set.of(tag));
      }

      @Override
      public String runFailedApp(String tag) {
        return applications.runToFailure("contract-failed", Set.of(tag));
      }

      @Override
      public void close() {
        applications.close();
        yarn.close();
      }
    };
  }
}
