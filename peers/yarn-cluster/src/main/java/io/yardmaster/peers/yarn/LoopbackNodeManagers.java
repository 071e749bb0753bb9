package io.yardmaster.peers.yarn;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimerTask;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeLabel;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.nodemanager.Context;
import org.apache.hadoop.yarn.server.nodemanager.LocalDirsHandlerService;
import org.apache.hadoop.yarn.server.nodemanager.NodeManager;
import org.apache.hadoop.yarn.server.nodemanager.ResourceView;
import org.apache.hadoop.yarn.server.nodemanager.nodelabels.ConfigurationNodeLabelsProvider;
import org.apache.hadoop.yarn.server.nodemanager.nodelabels.NodeLabelsProvider;
import org.apache.hadoop.yarn.server.nodemanager.webapp.WebServer;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.server.security.ApplicationACLsManager;
import org.apache.hadoop.yarn.webapp.WebApp;

/**
 * NodeManagers of the MiniYARNCluster's ResourceManager, each bound to a loopback address of its
 * own ({@code 127.0.0.2}, {@code 127.0.0.3}, ...), which becomes its node id's host: with a bind
 * host and an address, a NodeManager registers under the address's host. Sized like
 * MiniYARNCluster's own NodeManagers, each with its web app (the NodeManager REST API, {@code
 * /ws/v1/node}) on its own address: the RM reports it as the node's {@code nodeHTTPAddress}.
 */
final class LoopbackNodeManagers {
  private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(60);

  private final List<NodeManager> nodeManagers;

  private LoopbackNodeManagers(List<NodeManager> nodeManagers) {
    this.nodeManagers = nodeManagers;
  }

  /**
   * Starts one NodeManager per host, with the extra settings given for its host, and waits until
   * the ResourceManager knows them all.
   */
  static LoopbackNodeManagers start(
      Configuration clusterConf,
      ResourceManager resourceManager,
      List<String> hosts,
      Map<String, Map<String, String>> extraByHost,
      Path dir)
      throws Exception {
    List<NodeManager> started = new ArrayList<>();
    for (String host : hosts) {
      Path home = dir.resolve(host);
      Files.createDirectories(home.resolve("local"));
      Files.createDirectories(home.resolve("log"));
      YarnConfiguration conf = new YarnConfiguration(clusterConf);
      conf.set(YarnConfiguration.NM_BIND_HOST, host);
      conf.set(YarnConfiguration.NM_ADDRESS, host + ":0");
      conf.set(YarnConfiguration.NM_LOCALIZER_ADDRESS, host + ":0");
      conf.set(YarnConfiguration.NM_WEBAPP_ADDRESS, host + ":0");
      conf.set(YarnConfiguration.NM_LOCAL_DIRS, home.resolve("local").toString());
      conf.set(YarnConfiguration.NM_LOG_DIRS, home.resolve("log").toString());
      conf.setInt(
          YarnConfiguration.NM_PMEM_MB,
          clusterConf.getInt(
              YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB,
              YarnConfiguration.DEFAULT_YARN_MINICLUSTER_NM_PMEM_MB));
      conf.setBoolean(YarnConfiguration.NM_ENABLE_HARDWARE_CAPABILITY_DETECTION, false);
      conf.setBoolean(YarnConfiguration.NM_CONTAINER_MONITOR_ENABLED, false);
      extraByHost.getOrDefault(host, Map.of()).forEach(conf::set);
      WebNodeManager nodeManager = new WebNodeManager();
      nodeManager.init(conf);
      nodeManager.start();
      OwnGuicePipelines.pin(nodeManager.webApp());
      started.add(nodeManager);
    }
    Instant deadline = Instant.now().plus(REGISTER_TIMEOUT);
    while (resourceManager.getRMContext().getRMNodes().size() < hosts.size()) {
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("NodeManagers on " + hosts + " did not register");
      }
      Thread.sleep(100);
    }
    return new LoopbackNodeManagers(started);
  }

  /** A NodeManager that hands out its web app, so that it can keep its own Guice pipeline. */
  private static final class WebNodeManager extends NodeManager {
    private WebServer webServer;

    @Override
    protected WebServer createWebServer(
        Context nmContext,
        ResourceView resourceView,
        ApplicationACLsManager aclsManager,
        LocalDirsHandlerService dirsHandler) {
      webServer = super.createWebServer(nmContext, resourceView, aclsManager, dirsHandler);
      return webServer;
    }

    /**
     * Hadoop's {@code config} provider reads the partition from {@code new YarnConfiguration()},
     * i.e. the classpath's {@code yarn-site.xml}: on a real host that is the NodeManager's own
     * file, here it is every NodeManager's. The same provider, reading this NodeManager's
     * configuration.
     */
    @Override
    protected NodeLabelsProvider createNodeLabelsProvider(Configuration conf) throws IOException {
      NodeLabelsProvider provider = super.createNodeLabelsProvider(conf);
      return provider instanceof ConfigurationNodeLabelsProvider
          ? new OwnConfigurationNodeLabels()
          : provider;
    }

    WebApp webApp() throws ReflectiveOperationException {
      Field field = WebServer.class.getDeclaredField("webApp");
      field.setAccessible(true);
      return (WebApp) field.get(webServer);
    }
  }

  /** The configured node partition, from the NodeManager's own configuration. */
  private static final class OwnConfigurationNodeLabels extends ConfigurationNodeLabelsProvider {
    @Override
    public TimerTask createTimerTask() {
      return new TimerTask() {
        @Override
        public void run() {
          String partition =
              getConfig().getTrimmed(YarnConfiguration.NM_PROVIDER_CONFIGURED_NODE_PARTITION, "");
          setDescriptors(partition.isEmpty() ? Set.of() : Set.of(NodeLabel.newInstance(partition)));
        }
      };
    }
  }

  void stop() {
    nodeManagers.forEach(NodeManager::stop);
  }
}
