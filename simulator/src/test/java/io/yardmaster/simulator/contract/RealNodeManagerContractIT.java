package io.yardmaster.simulator.contract;

import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import java.net.URI;
import java.util.List;

/**
 * The NodeManager contract against real NodeManagers (Hadoop 3.4.2, two on loopback addresses of
 * their own, with their web apps).
 */
class RealNodeManagerContractIT extends NodeManagerContract {
  @Override
  NodeManagerTarget openTarget() {
    YarnClusterProcess yarn =
        YarnClusterProcess.start(
            PeerPaths.fromSystemProperties(),
            "nm-contract-yarn",
            YarnClusterSpec.nodeManagersOn(List.of("127.0.0.2", "127.0.0.3")));
    YarnClientApplications applications = new YarnClientApplications(yarn.hadoopConfDir());
    return new NodeManagerTarget() {
      @Override
      public URI resourceManager() {
        return yarn.webUri();
      }

      @Override
      public String startAppWithContainer() {
        return applications.startSleepingMaster("nm-contract");
      }

      @Override
      public void close() {
        applications.close();
        yarn.close();
      }
    };
  }
}
