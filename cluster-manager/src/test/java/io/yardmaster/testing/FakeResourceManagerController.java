package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The ResourceManager's apps REST API over {@link FakePeers}. */
@Controller("/fake/{cluster}/rm/ws/v1/cluster/apps")
@Requires(property = FakePeers.ENABLED, value = "true")
public final class FakeResourceManagerController {
  private final FakePeers peers;

  public FakeResourceManagerController(FakePeers peers) {
    this.peers = peers;
  }

  @Get
  public Map<String, Object> apps(String cluster, @Nullable @QueryValue String applicationTags) {
    List<FakePeers.App> apps =
        applicationTags == null ? List.of() : peers.appsTagged(applicationTags);
    if (apps.isEmpty()) {
      Map<String, Object> empty = new HashMap<>();
      empty.put("apps", null);
      return empty;
    }
    return Map.of(
        "apps", Map.of("app", apps.stream().map(FakeResourceManagerController::view).toList()));
  }

  @Put("/{appId}/state")
  public HttpResponse<?> kill(String cluster, String appId, @Body Map<String, String> body) {
    return peers
        .app(appId)
        .<HttpResponse<?>>map(
            app -> {
              peers.killApp(app);
              return HttpResponse.accepted().body(Map.of("state", "KILLED"));
            })
        .orElseGet(() -> HttpResponse.notFound(Map.of("message", "no app " + appId)));
  }

  private static Map<String, Object> view(FakePeers.App app) {
    return Map.of(
        "id", app.id,
        "state", app.state,
        "finalStatus", app.finalStatus,
        "diagnostics", app.diagnostics,
        "trackingUrl", "http://rm/proxy/" + app.id + "/",
        "amContainerLogs", "http://nm/node/containerlogs/container_" + app.id + "_01_000001/",
        "applicationTags", String.join(",", app.tags));
  }
}
