package io.yardmaster.peers.yarn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.NodeLabel;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
import org.apache.hadoop.yarn.server.resourcemanager.ResourceManager;
import org.apache.hadoop.yarn.webapp.WebApp;

/**
 * Runs a MiniYARNCluster (1 ResourceManager with the CapacityScheduler, N NodeManagers) until
 * standard input closes. Arguments: {@code <conf-dir> <node-managers> [--node-hosts=a,b,...]
 * [--node-labels-conf=file --cluster-node-label=label(exclusive=false) --labelled-hosts=a,...]}.
 * Writes {@code yarn-site.xml} and {@code core-site.xml} to the folder, then {@code rm-web-address}
 * (host:port of the RM REST API) last, as the signal that the cluster is up.
 *
 * <p>MiniYARNCluster's own NodeManagers are all {@code localhost}; with {@code --node-hosts} (one
 * loopback address each) they are {@link LoopbackNodeManagers} instead, one host each, so that an
 * exclude list can name one of them.
 *
 * <p>With node labels, the configuration file's {@code yarn.nodemanager.node-labels.*} properties
 * go to the labelled NodeManagers only and the others to the ResourceManager; the label store is a
 * local folder; the cluster label is added before the NodeManagers register.
 */
public final class MiniYarnMain {
  private static final String NODE_LABEL_PREFIX = "yarn.nodemanager.node-labels.";

  private MiniYarnMain() {}

  public static void main(String[] args) throws Exception {
    Path confDir = Path.of(args[0]);
    int nodeManagers = Integer.parseInt(args[1]);
    Map<String, String> options = options(args);
    List<String> nodeHosts = list(options.get("node-hosts"));
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
    // The configured maximum allocation (8 GB) holds only this long after the RM starts; then the
    // largest registered NodeManager's (4 GB) does, and a test asking for demand no node can serve
    // (YarnGraphiteSinkIT's 6 GB) is refused when the machine is slow. Recovery is off, so the
    // wait delays no scheduling.
    conf.setLong(YarnConfiguration.RM_WORK_PRESERVING_RECOVERY_SCHEDULING_WAIT_MS, 3_600_000L);
    conf.set("yarn.scheduler.capacity.root.queues", "default");
    conf.set("yarn.scheduler.capacity.root.default.capacity", "100");
    conf.set("yarn.scheduler.capacity.root.default.maximum-capacity", "100");
    // Small test apps: their application masters may take the whole cluster.
    conf.set("yarn.scheduler.capacity.maximum-am-resource-percent", "1.0");
    // Containers (Spark drivers and executors) use the JDK that runs this cluster.
    conf.set(YarnConfiguration.NM_ADMIN_USER_ENV, "JAVA_HOME=" + System.getProperty("java.home"));
    Map<String, String> labelledNodeConf = new HashMap<>();
    if (options.containsKey("node-labels-conf")) {
      Configuration labels = new Configuration(false);
      labels.addResource(new org.apache.hadoop.fs.Path(options.get("node-labels-conf")));
      for (Map.Entry<String, String> property : labels) {
        if (property.getKey().startsWith(NODE_LABEL_PREFIX)) {
          labelledNodeConf.put(property.getKey(), property.getValue());
        } else {
          conf.set(property.getKey(), property.getValue());
        }
      }
      Path store = confDir.toAbsolutePath().getParent().resolve("node-labels");
      conf.set(YarnConfiguration.FS_NODE_LABELS_STORE_ROOT_DIR, store.toUri().toString());
    }
    Map<String, Map<String, String>> nodeConf = new HashMap<>();
    for (String host : list(options.get("labelled-hosts"))) {
      nodeConf.put(host, labelledNodeConf);
    }
    MiniYARNCluster cluster =
        new MiniYARNCluster("yardmaster", nodeHosts.isEmpty() ? nodeManagers : 0, 1, 1);
    cluster.init(conf);
    cluster.start();
    if (options.containsKey("cluster-node-label")) {
      cluster
          .getResourceManager()
          .getRMContext()
          .getNodeLabelManager()
          .addToCluserNodeLabels(List.of(nodeLabel(options.get("cluster-node-label"))));
    }
    LoopbackNodeManagers loopback =
        LoopbackNodeManagers.start(
            cluster.getConfig(),
            cluster.getResourceManager(),
            nodeHosts,
            nodeConf,
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

  /** {@code --name=value} arguments after the first two. */
  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 2; i < args.length; i++) {
      int equals = args[i].indexOf('=');
      if (!args[i].startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      options.put(args[i].substring(2, equals), args[i].substring(equals + 1));
    }
    return options;
  }

  private static List<String> list(String value) {
    return value == null || value.isEmpty() ? List.of() : List.of(value.split(","));
  }

  /**
   * A label as {@code yarn rmadmin -addToClusterNodeLabels} takes it: {@code name(exclusive=b)}.
   */
  static NodeLabel nodeLabel(String spec) {
    int open = spec.indexOf('(');
    if (open < 0) {
      return NodeLabel.newInstance(spec.trim());
    }
    String attribute = spec.substring(open + 1, spec.lastIndexOf(')')).replace(" ", "");
    if (!attribute.startsWith("exclusive=")) {
      throw new IllegalArgumentException("unknown node label attribute in " + spec);
    }
    boolean exclusive = Boolean.parseBoolean(attribute.substring("exclusive=".length()));
    return NodeLabel.newInstance(spec.substring(0, open).trim(), exclusive);
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
