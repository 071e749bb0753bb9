package io.yardmaster.simulator.contract;

import io.yardmaster.peers.harness.LivyServerProcess;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import java.net.URI;
import java.util.Map;

/**
 * The Livy batch contract against a real Livy 0.7.1 server submitting real Spark 3.5.5 jobs in YARN
 * cluster mode to a real ResourceManager (Hadoop 3.4.2 MiniYARNCluster).
 */
class RealLivyBatchContractIT extends LivyBatchContract {
  @Override
  LivyTarget openTarget() {
    PeerPaths paths = PeerPaths.fromSystemProperties();
    YarnClusterProcess yarn = YarnClusterProcess.start(paths, "livy-contract-yarn", 1);
    LivyServerProcess livy =
        LivyServerProcess.startOnYarn(paths, "livy-contract-livy", yarn.hadoopConfDir());
    return new LivyTarget() {
      @Override
      public URI livy() {
        return livy.baseUri().resolve("/");
      }

      @Override
      public URI resourceManager() {
        return yarn.webUri();
      }

      @Override
      public Map<String, Object> batch(LivyJob job, String yarnTags) {
        String file = paths.sparkJobsJar().toString();
        Map<String, Object> conf =
            Map.of("spark.yarn.tags", yarnTags, "spark.task.maxFailures", "1");
        return switch (job) {
          case SUCCEEDS ->
              Map.of(
                  "file",
                  file,
                  "className",
                  PeerPaths.PI_JOB,
                  "args",
                  java.util.List.of("2"),
                  "conf",
                  conf);
          case RUNS_LONG ->
              Map.of(
                  "file",
                  file,
                  "className",
                  PeerPaths.PI_JOB,
                  "args",
                  java.util.List.of("1", "600"),
                  "conf",
                  conf);
          case FAILS -> Map.of("file", file, "className", PeerPaths.FAILING_JOB, "conf", conf);
        };
      }

      @Override
      public void restart() {
        livy.restart();
      }

      @Override
      public void close() {
        livy.close();
        yarn.close();
      }
    };
  }
}
