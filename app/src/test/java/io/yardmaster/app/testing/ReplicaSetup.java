package io.yardmaster.app.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Application replicas on one shared database, with the simulated fleet in a process of its own
 * ({@link TwoClusterFleet#fleetProcess}): their configuration, and a team with a token to load them
 * with.
 */
public final class ReplicaSetup {
  private ReplicaSetup() {}

  /**
   * Replica {@code index}'s configuration: the embedded default's environment (for its simulated
   * ARM and decommissioning) but with the fleet at {@code fleet}, the database shared, and its own
   * data folder ({@code dataDir/replica-<index>}, where its admin token is written).
   */
  public static Map<String, String> properties(
      URI fleet, Map<String, Object> database, Path dataDir, int index) {
    Map<String, String> properties = TwoClusterFleet.clusters(fleet, fleet);
    database.forEach((key, value) -> properties.put(key, String.valueOf(value)));
    properties.put("micronaut.environments", "local");
    properties.put("yardmaster.simulator.enabled", "false");
    properties.put("yardmaster.azure.endpoint", fleet + "/sim/arm");
    properties.put("yardmaster.data-dir", dataDir(dataDir, index).toString());
    properties.put("yardmaster.jobs.track-interval", "500ms");
    properties.put("yardmaster.health.interval", "2s");
    properties.put("yardmaster.autoscaler.tick", "2s");
    properties.put("yardmaster.autoscaler.instance-id", "replica-" + index);
    return properties;
  }

  public static Path dataDir(Path dataDir, int index) {
    return dataDir.resolve("replica-" + index);
  }

  /**
   * Creates team {@code team} (up to {@code maxRunningJobs} at once) with the admin token that
   * replica 0 wrote, through {@code api}, and answers a token of that team.
   */
  public static String teamToken(URI api, Path dataDir, String team, int maxRunningJobs)
      throws IOException {
    String admin = Files.readString(dataDir(dataDir, 0).resolve("admin-token")).trim();
    try (HttpClient http = HttpClient.create(api.toURL())) {
      BlockingHttpClient client = http.toBlocking();
      client.exchange(
          HttpRequest.POST(
                  "/api/v1/teams",
                  Map.of(
                      "name", team, "proxyUser", team + "-svc", "maxRunningJobs", maxRunningJobs))
              .bearerAuth(admin));
      return (String)
          client
              .retrieve(
                  HttpRequest.POST("/api/v1/tokens", Map.of("team", team, "description", "load"))
                      .bearerAuth(admin),
                  Argument.mapOf(String.class, Object.class))
              .get("token");
    }
  }
}
