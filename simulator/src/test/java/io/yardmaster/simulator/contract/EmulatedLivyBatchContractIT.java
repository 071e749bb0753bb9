package io.yardmaster.simulator.contract;

import java.net.URI;
import java.util.Map;

/** The Livy batch contract against the simulator's Livy emulator. */
class EmulatedLivyBatchContractIT extends LivyBatchContract {
  @Override
  LivyTarget openTarget() {
    EmulatedCluster cluster = EmulatedCluster.start();
    return new LivyTarget() {
      @Override
      public URI livy() {
        return cluster.livy();
      }

      @Override
      public URI resourceManager() {
        return cluster.resourceManager();
      }

      @Override
      public Map<String, Object> batch(LivyJob job, String yarnTags) {
        return cluster.batch(job, yarnTags);
      }

      @Override
      public void restart() {
        cluster.restartLivy();
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
