package io.yardmaster.peers.yarn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.webapp.WebApp;

/**
 * Runs a MiniYARNCluster (1 ResourceManager with the CapacityScheduler, N NodeManagers) until
 * standard input closes. Arguments: {@code <conf-dir> <node-managers> [--node-hosts=a,b,...]}.
 * Writes {@code yarn-site.xml} and {@code core-site.xml} to the folder, then {@code rm-web-address}
 * (host:port of the RM REST API) last, as the signal that the cluster is up.
 *
 * <p>MiniYARNCluster's own NodeManagers are all {@code localhost}; with {@code --node-hosts} (one
 * loopback address each) they are {@link LoopbackNodeManagers} instead, one host each, so that an
 * exclude list can name one of them.
 */
public final class MiniYarnMain {
  private static final String NODE_HOSTS = "--node-hosts=";

  private MiniYarnMain() {}

  public static void main(String[] args) throws Exception {
    Path confDir = Path.of(args[0]);
    int nodeManagers = Integer.parseInt(args[1]);
    List<String> nodeHosts = nodeHosts(args);
    if (!nodeHosts.isEmpty() && nodeHosts.size() != nodeManagers) {
      throw new IllegalArgumentException(nodeManagers + " NodeManagers but hosts " + nodeHosts);
    }
    YarnConfiguration conf = new YarnConfiguration();
    conf.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 128);
    conf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
    conf.setInt(YarnConfiguration.NM_VCORES, 8);
    conf.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    conf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    conf.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 1);
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    // Small test apps: their application masters may take the whole cluster.
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
    // Containers (Spark drivers and executors) use the JDK that runs this cluster.
    conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
    MiniYARNCluster cluster =
        new MiniYARNCluster("yardmaster", nodeHosts.isEmpty() ? nodeManagers : 0, 1, 1);
    cluster.init(conf);
    cluster.start();
    LoopbackNodeManagers loopback =
        LoopbackNodeManagers.start(
            cluster.getConfig(),
            cluster.getResourceManager(),
            nodeHosts,
            confDir.toAbsolutePath().getParent().resolve("node-managers"));
    int webPort = restartResourceManagerWebApp(cluster.getResourceManager());

    Files.createDirectories(confDir);
    for (String file : new String[] {"yarn-site.xml", "core-site.xml"}) {
      try (OutputStream out = Files.newOutputStream(confDir.resolve(file))) {
        cluster.getConfig().writeXml(out);
      }
    }
    String rmAddress = cluster.getConfig().get(YarnConfiguration.RM_ADDRESS);
    String host = rmAddress.substring(0, rmAddress.lastIndexOf(':'));
    Path ready = confDir.resolve("rm-web-address.tmp");
    Files.writeString(ready, host + ":" + webPort, StandardCharsets.UTF_8);
    Files.move(ready, confDir.resolve("rm-web-address"), StandardCopyOption.ATOMIC_MOVE);

    waitForEndOfInput(System.in);
    loopback.stop();
    cluster.stop();
    System.exit(0);
  }

  private static List<String> nodeHosts(String[] args) {
    for (int i = 2; i < args.length; i++) {
      if (args[i].startsWith(NODE_HOSTS)) {
        return List.of(args[i].substring(NODE_HOSTS.length()).split(","));
      }
      throw new IllegalArgumentException("unknown argument " + args[i]);
    }
    return List.of();
  }

  /**
   * Every YARN web app in one JVM shares Guice's static servlet pipeline, so the NodeManagers,
   * started after the ResourceManager, take over its {@code /ws/v1/cluster} routes (404 "controller
   * for v1 not found"). Starting the ResourceManager's web app again, last, gives the routes back
   * to it, and {@link OwnGuicePipelines} keeps them there when a NodeManager's web app stops.
   */
  private static int restartResourceManagerWebApp(ResourceManager resourceManager)
      throws ReflectiveOperationException {
    Method getter = ResourceManager.class.getDeclaredMethod("getWebapp");
    getter.setAccessible(true);
    ((WebApp) getter.invoke(resourceManager)).stop();
    Method start = ResourceManager.class.getDeclaredMethod("startWepApp");
    start.setAccessible(true);
    start.invoke(resourceManager);
    WebApp webApp = (WebApp) getter.invoke(resourceManager);
    OwnGuicePipelines.pin(webApp);
    return webApp.port();
  }

  private static void waitForEndOfInput(InputStream in) throws IOException {
    byte[] buffer = new byte[256];
    while (in.read(buffer) >= 0) {
      // keep running until the test JVM closes our standard input (or dies)
    }
  }
}
