package io.yardmaster.app.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.yardmaster.jobs.JobTags;
import java.net.MalformedURLException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated fleet of two clusters, {@code alpha} and {@code beta}, both tagged {@code spark3},
 * each with one pool of 20 nodes of 8 cores / 56 GB: the configuration of a fleet process (the jar
 * with only the simulator on) and the cluster part of an application's configuration pointing at
 * it, and what the fleet's ResourceManagers hold.
 */
public final class TwoClusterFleet {
  public static final List<String> CLUSTERS = List.of("alpha", "beta");
  public static final String TAG = "spark3";
  private static final String NODES = "20";

  private TwoClusterFleet() {}

  /**
   * The fleet process on {@code port}: the simulated fleet and its emulators at {@code /sim}, at
   * {@code speedUp} simulated seconds per second, and no API or autoscaler role.
   */
  public static Map<String, String> fleetProcess(int port, double speedUp, Path dataDir) {
    URI self = URI.create("http://127.0.0.1:" + port);
    Map<String, String> properties = clusters(self, self);
    properties.put("yardmaster.roles.api", "false");
    properties.put("yardmaster.roles.autoscaler", "false");
    properties.put("micronaut.environments", "local");
    properties.put("yardmaster.simulator.speed-up", Double.toString(speedUp));
    properties.put("yardmaster.data-dir", dataDir.toString());
    return properties;
  }

  /**
   * The clusters and pools, with each cluster's Livy under {@code livy} and its ResourceManager
   * (and Graphite) under {@code fleet}; up to 100 batches starting at once per cluster.
   */
  public static Map<String, String> clusters(URI livy, URI fleet) {
    Map<String, String> properties = new HashMap<>();
    properties.put("yardmaster.graphite.url", fleet + "/sim/graphite");
    for (String name : CLUSTERS) {
      String cluster = "yardmaster.clusters." + name + ".";
      properties.put(cluster + "livy-url", livy + "/sim/" + name + "/livy");
      properties.put(cluster + "resource-manager-url", fleet + "/sim/" + name + "/rm");
      properties.put(cluster + "tags", TAG);
      properties.put(cluster + "max-starting-batches", "100");
      String pool = "yardmaster.node-pools." + name + "-ondemand.";
      properties.put(pool + "cluster", name);
      properties.put(
          pool + "scale-set-id",
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/yardmaster-sim"
              + "/providers/Microsoft.Compute/virtualMachineScaleSets/"
              + name
              + "-ondemand");
      properties.put(pool + "sku-name", "Standard_E8s_v5");
      properties.put(pool + "vm-cores", "8");
      properties.put(pool + "vm-memory-mb", "65536");
      properties.put(pool + "min-nodes", NODES);
      properties.put(pool + "max-nodes", NODES);
    }
    return properties;
  }

  /**
   * Every app the fleet's ResourceManagers know, grouped by the Yardmaster job id of its {@code
   * ym-job-} tag (an app without one is grouped under {@code "none"}), as {@code cluster/appId}.
   */
  @SuppressWarnings("unchecked")
  public static Map<String, List<String>> appsByJob(URI fleet) throws MalformedURLException {
    String prefix = JobTags.jobTag("");
    Map<String, List<String>> byJob = new HashMap<>();
    try (HttpClient http = HttpClient.create(fleet.toURL())) {
      for (String cluster : CLUSTERS) {
        Map<String, Object> answer =
            http.toBlocking()
                .retrieve(
                    HttpRequest.GET("/sim/" + cluster + "/rm/ws/v1/cluster/apps"),
                    Argument.mapOf(String.class, Object.class));
        Map<String, Object> apps = (Map<String, Object>) answer.get("apps");
        List<Map<String, Object>> list =
            apps == null || apps.get("app") == null
                ? List.of()
                : (List<Map<String, Object>>) apps.get("app");
        for (Map<String, Object> app : list) {
          String job =
              List.of(((String) app.get("applicationTags")).split(",")).stream()
                  .filter(tag -> tag.startsWith(prefix))
                  .map(tag -> tag.substring(prefix.length()))
                  .findFirst()
                  .orElse("none");
          byJob.computeIfAbsent(job, key -> new ArrayList<>()).add(cluster + "/" + app.get("id"));
        }
      }
    }
    return byJob;
  }
}
