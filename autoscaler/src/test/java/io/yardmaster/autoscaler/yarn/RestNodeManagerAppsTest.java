package io.yardmaster.autoscaler.yarn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.TestPeers;
import io.yardmaster.core.peer.PeerException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The NodeManager's {@code /ws/v1/node/apps} answers, read and parsed. */
class RestNodeManagerAppsTest {
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private static YarnNode node(String httpAddress) {
    return new YarnNode("10.0.0.7:8041", "10.0.0.7", "RUNNING", 0, 0, 0, 8, 28672, httpAddress);
  }

  private static List<String> parse(String body) throws IOException {
    return RestNodeManagerApps.parse(
        node("10.0.0.7:8042"),
        URI.create("http://10.0.0.7:8042/ws/v1/node/apps"),
        JSON.readValue(body, JsonNode.class));
  }

  @Test
  void noApplicationIsAnEmptyList() throws IOException {
    assertThat(parse("{\"apps\":null}")).isEmpty();
    assertThat(parse("{\"apps\":{}}")).isEmpty();
    assertThat(parse("{\"apps\":{\"app\":[]}}")).isEmpty();
  }

  @Test
  void oneRunningApplicationIsListedWithOrWithoutContainers() throws IOException {
    assertThat(
            parse(
                "{\"apps\":{\"app\":[{\"id\":\"application_1326121700862_0005\","
                    + "\"state\":\"RUNNING\",\"user\":\"alice\"}]}}"))
        .containsExactly("application_1326121700862_0005");
    assertThat(
            parse(
                "{\"apps\":{\"app\":{\"id\":\"application_1_0002\",\"state\":\"RUNNING\","
                    + "\"user\":\"bob\",\"containerids\":[\"container_1_0002_01_000003\"]}}}"))
        .containsExactly("application_1_0002");
  }

  @Test
  void applicationsTheNodeManagerIsCleaningUpAreNotRunning() throws IOException {
    assertThat(
            parse(
                "{\"apps\":{\"app\":[{\"id\":\"application_1_0001\",\"state\":\"RUNNING\"},"
                    + "{\"id\":\"application_1_0002\","
                    + "\"state\":\"APPLICATION_RESOURCES_CLEANINGUP\"}]}}"))
        .containsExactly("application_1_0001");
  }

  @Test
  void anAnswerWithoutAppsIsUnreadable() {
    assertThatThrownBy(() -> parse("{\"nodeInfo\":{}}"))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("10.0.0.7:8041");
    assertThatThrownBy(() -> parse("{\"apps\":[1]}")).isInstanceOf(PeerException.class);
    assertThatThrownBy(() -> parse("{\"apps\":{\"app\":[{\"state\":\"RUNNING\"}]}}"))
        .isInstanceOf(PeerException.class);
  }

  @Test
  void readsTheNodeManagerAtItsHttpAddress() throws IOException {
    List<String> queries = new ArrayList<>();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ws/v1/node/apps",
        exchange -> {
          queries.add(exchange.getRequestURI().getQuery());
          byte[] body =
              "{\"apps\":{\"app\":[{\"id\":\"application_9_0001\",\"state\":\"RUNNING\"}]}}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    server.start();
    try {
      RestNodeManagerApps apps = new RestNodeManagerApps(TestPeers.client());
      String address = "127.0.0.1:" + server.getAddress().getPort();

      assertThat(apps.runningApplications(node(address))).containsExactly("application_9_0001");
      assertThat(queries).containsExactly("state=RUNNING");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void aNodeManagerThatIsDownOrUnknownIsUnreadable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    RestNodeManagerApps apps = new RestNodeManagerApps(TestPeers.client());

    assertThatThrownBy(() -> apps.runningApplications(node("127.0.0.1:" + closedPort)))
        .isInstanceOf(PeerException.class);
    assertThatThrownBy(() -> apps.runningApplications(node(null)))
        .isInstanceOf(PeerException.class)
        .hasMessageContaining("no HTTP address");
    assertThatThrownBy(() -> apps.runningApplications(node(""))).isInstanceOf(PeerException.class);
  }
}
