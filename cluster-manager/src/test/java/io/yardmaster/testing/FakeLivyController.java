package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Livy's batch REST API over {@link FakePeers}, with Livy's JSON shapes and error bodies. */
@Controller("/fake/{cluster}/livy/batches")
@Requires(property = FakePeers.ENABLED, value = "true")
public final class FakeLivyController {
  private final FakePeers peers;

  public FakeLivyController(FakePeers peers) {
    this.peers = peers;
  }

  @Post
  public HttpResponse<?> create(String cluster, @Body Map<String, Object> body) {
    switch (peers.mode(cluster)) {
      case BUSY -> {
        return HttpResponse.badRequest(
            Map.of("msg", "Rejected, too many sessions are being created!"));
      }
      case FAIL_WITHOUT_CREATE -> {
        return HttpResponse.serverError(Map.of("msg", "java.lang.OutOfMemoryError"));
      }
      case CREATE_THEN_FAIL -> {
        peers.create(body);
        return HttpResponse.serverError(Map.of("msg", "broken pipe"));
      }
      case NORMAL -> {
        if (peers.nameTaken((String) body.get("name"))) {
          return HttpResponse.badRequest(
              Map.of("msg", "Duplicate session name: " + body.get("name")));
        }
        return HttpResponse.status(HttpStatus.CREATED).body(view(peers.create(body)));
      }
    }
    throw new IllegalStateException();
  }

  @Get
  public Map<String, Object> list(
      String cluster, @Nullable @QueryValue Integer from, @Nullable @QueryValue Integer size) {
    List<FakePeers.Batch> all = peers.batches();
    int start = from == null ? 0 : Math.min(from, all.size());
    int end = Math.min(all.size(), start + (size == null ? 100 : size));
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("from", start);
    page.put("total", all.size());
    page.put("sessions", all.subList(start, end).stream().map(FakeLivyController::view).toList());
    return page;
  }

  @Get("/{id}/log")
  public HttpResponse<?> log(
      String cluster,
      int id,
      @Nullable @QueryValue Integer from,
      @Nullable @QueryValue Integer size) {
    return peers
        .batch(id)
        .<HttpResponse<?>>map(
            batch ->
                HttpResponse.ok(
                    Map.of(
                        "id",
                        id,
                        "from",
                        0,
                        "total",
                        2,
                        "log",
                        List.of("stdout: submitted " + batch.name, "stderr: "))))
        .orElseGet(() -> HttpResponse.notFound(Map.of("msg", "Session '" + id + "' not found.")));
  }

  @Delete("/{id}")
  public HttpResponse<?> delete(String cluster, int id) {
    return peers
        .batch(id)
        .<HttpResponse<?>>map(
            batch -> {
              peers.kill(batch);
              return HttpResponse.ok(Map.of("msg", "deleted"));
            })
        .orElseGet(() -> HttpResponse.notFound(Map.of("msg", "Session '" + id + "' not found.")));
  }

  private static Map<String, Object> view(FakePeers.Batch batch) {
    Map<String, Object> view = new HashMap<>();
    view.put("id", batch.id);
    view.put("name", batch.name);
    view.put("proxyUser", batch.proxyUser);
    view.put("state", batch.state);
    view.put("appId", batch.state.equals("starting") ? null : batch.appId);
    view.put("appInfo", Map.of("sparkUiUrl", "http://rm/proxy/" + batch.appId + "/"));
    view.put("log", List.of());
    return view;
  }
}
