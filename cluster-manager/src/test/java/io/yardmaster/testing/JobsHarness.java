package io.yardmaster.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A running Yardmaster whose cluster {@code alpha} points at {@link FakePeers} served by the same
 * server, with fast submitter and tracker ticks.
 */
public final class JobsHarness implements AutoCloseable {
  public final EmbeddedServer server;
  public final ApplicationContext context;
  public final FakePeers peers;
  private final HttpClient http;

  private JobsHarness(EmbeddedServer server) {
    this.server = server;
    this.context = server.getApplicationContext();
    this.peers = context.getBean(FakePeers.class);
    this.http = HttpClient.create(server.getURL());
  }

  public static JobsHarness start(Map<String, Object> extra) {
    return start(extra, List.of());
  }

  /** With more clusters besides alpha, each tagged {@code spark3}, all served by the fakes. */
  public static JobsHarness start(Map<String, Object> extra, List<String> moreClusters) {
    int port = freePort();
    Map<String, Object> properties = new HashMap<>();
    properties.put("micronaut.server.port", port);
    properties.put(FakePeers.ENABLED, "true");
    for (String cluster : concat("alpha", moreClusters)) {
      String base = "http://127.0.0.1:" + port + "/fake/" + cluster;
      String key = "yardmaster.clusters." + cluster;
      properties.put(key + ".livy-url", base + "/livy");
      properties.put(key + ".resource-manager-url", base + "/rm");
      properties.put(key + ".tags", List.of("spark3"));
    }
    properties.put("yardmaster.jobs.submit-interval", "100ms");
    properties.put("yardmaster.jobs.track-interval", "200ms");
    properties.put("yardmaster.jobs.submit-lease", "1s");
    properties.put("yardmaster.jobs.start-grace", "3s");
    properties.put("yardmaster.auth.bootstrap-admin-token", "false");
    properties.putAll(extra);
    return new JobsHarness(ApplicationContext.run(EmbeddedServer.class, properties, "test"));
  }

  public BlockingHttpClient client() {
    return http.toBlocking();
  }

  public String teamToken(String team) {
    return TestTokens.team(context, team);
  }

  public String adminToken() {
    return TestTokens.admin(context);
  }

  /** GET a JSON object. */
  public Map<String, Object> getJson(String path, String token) {
    return client()
        .retrieve(
            HttpRequest.GET(path).bearerAuth(token), Argument.mapOf(String.class, Object.class));
  }

  public HttpResponse<Map<String, Object>> post(
      String path, String token, String idempotencyKey, Object body) {
    MutableHttpRequest<Object> request = HttpRequest.POST(path, body).bearerAuth(token);
    if (idempotencyKey != null) {
      request = request.header("Idempotency-Key", idempotencyKey);
    }
    return client().exchange(request, Argument.mapOf(String.class, Object.class));
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    http.close();
    server.close();
    context.close();
  }
}
