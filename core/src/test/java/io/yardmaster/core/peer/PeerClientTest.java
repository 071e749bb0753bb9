package io.yardmaster.core.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The peer layer's error classes, against a real local HTTP server. */
class PeerClientTest {
  private static final Peer LIVY = Peer.livy("alpha");
  private static final Duration SHORT = Duration.ofMillis(300);

  private final ApplicationContext context = ApplicationContext.run();
  private final LocalHttpServer server = new LocalHttpServer();
  private final PeerClient client =
      new PeerClient(
          new PeerConfig(Duration.ofSeconds(2), SHORT, SHORT, SHORT),
          new NoPeerCredentials(),
          context.getBean(JsonMapper.class));

  @Test
  void everyRequestIsTimedByClusterPeerMethodAndOutcome() throws IOException {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    PeerClient metered =
        new PeerClient(
            new PeerConfig(Duration.ofSeconds(2), SHORT, SHORT, SHORT),
            new NoPeerCredentials(),
            context.getBean(JsonMapper.class),
            meters);
    server.answer("/batches", 201, "{}");
    server.answer("/batches/9", 404, "{}");
    server.answer("/ws/v1/cluster/apps", 500, "{}");

    metered.send(LIVY, "POST", uri("/batches"), Map.of());
    metered.get(LIVY, uri("/batches"));
    assertThatThrownBy(() -> metered.send(LIVY, "DELETE", uri("/batches/9"), null));
    assertThatThrownBy(() -> metered.get(Peer.resourceManager("beta"), uri("/ws/v1/cluster/apps")));
    assertThatThrownBy(() -> metered.get(Peer.graphite(), closedPort()));

    assertThat(count(meters, "alpha", "livy", "POST", "answered")).isEqualTo(1);
    assertThat(count(meters, "alpha", "livy", "GET", "answered")).isEqualTo(1);
    assertThat(count(meters, "alpha", "livy", "DELETE", "rejected")).isEqualTo(1);
    assertThat(count(meters, "beta", "resource_manager", "GET", "failed")).isEqualTo(1);
    assertThat(count(meters, "", "graphite", "GET", "not_sent")).isEqualTo(1);
    assertThat(meters.find("yardmaster.peer.request").timers()).hasSize(5);
  }

  private static long count(
      SimpleMeterRegistry meters, String cluster, String peer, String method, String outcome) {
    Timer timer =
        meters
            .get("yardmaster.peer.request")
            .tags("cluster", cluster, "peer", peer, "method", method, "outcome", outcome)
            .timer();
    return timer.count();
  }

  @AfterEach
  void close() {
    server.close();
    context.close();
  }

  @Test
  void aTwoHundredIsAnAnswerAndReads() {
    server.answer("/batches", 201, "{\"id\":7,\"state\":\"starting\",\"owner\":\"x\"}");

    PeerAnswer answer = client.send(LIVY, "POST", uri("/batches"), Map.of("file", "a.jar"));

    assertThat(answer.status()).isEqualTo(201);
    assertThat(client.read(answer, Argument.mapOf(String.class, Object.class)))
        .containsEntry("id", 7);
    assertThat(server.received())
        .singleElement()
        .satisfies(
            request -> {
              assertThat(request.method()).isEqualTo("POST");
              assertThat(request.body()).isEqualTo("{\"file\":\"a.jar\"}");
            });
  }

  @Test
  void connectionRefusedIsNotSentWhateverTheMethod() throws IOException {
    URI closed = closedPort();

    assertThatThrownBy(
            () -> client.send(LIVY, "POST", PeerClient.join(closed, "batches"), Map.of()))
        .isInstanceOf(PeerException.NotSent.class)
        .hasMessageStartingWith("alpha's Livy: POST /batches: not sent");
    assertThatThrownBy(() -> client.get(LIVY, PeerClient.join(closed, "batches")))
        .isInstanceOf(PeerException.NotSent.class);
  }

  @Test
  void aTimeoutAfterSendingAPostIsOutcomeUnknown() {
    server.hang("/batches");

    assertThatThrownBy(() -> client.send(LIVY, "POST", uri("/batches"), Map.of("file", "a.jar")))
        .isInstanceOfSatisfying(
            PeerException.OutcomeUnknown.class, e -> assertThat(e.status()).isZero())
        .hasMessageContaining("outcome unknown");
    assertThat(server.received()).as("the POST reached the peer").hasSize(1);
  }

  @Test
  void aTimeoutAfterSendingAGetIsTransient() {
    server.hang("/batches");

    assertThatThrownBy(() -> client.get(LIVY, uri("/batches")))
        .isInstanceOf(PeerException.Transient.class);
  }

  @Test
  void aConnectionLostAfterThePostWasReadIsOutcomeUnknown() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CompletableFuture<Void> peer =
          CompletableFuture.runAsync(
              () -> {
                try (Socket connection = socket.accept()) {
                  InputStream in = connection.getInputStream();
                  in.read(new byte[8192]);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      URI base = URI.create("http://127.0.0.1:" + socket.getLocalPort());

      assertThatThrownBy(
              () -> client.send(LIVY, "POST", PeerClient.join(base, "batches"), Map.of()))
          .isInstanceOf(PeerException.OutcomeUnknown.class);
      peer.get();
    }
  }

  @Test
  void aFourHundredIsRejectedWithItsStatusAndBody() {
    server.answer("/batches", 400, "{\"msg\":\"Rejected, too many sessions are being created!\"}");
    server.answer("/batches/9", 404, "{\"msg\":\"Session '9' not found.\"}");

    assertThatThrownBy(() -> client.send(LIVY, "POST", uri("/batches"), Map.of()))
        .isInstanceOfSatisfying(
            PeerException.Rejected.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.body()).contains("too many sessions");
            });
    assertThatThrownBy(() -> client.send(LIVY, "DELETE", uri("/batches/9"), null))
        .isInstanceOfSatisfying(
            PeerException.Rejected.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void aRedirectIsNotFollowed() {
    server.answer("/ws/v1/cluster/metrics", 307, "", "http://other-rm:8088/ws/v1/cluster/metrics");

    assertThatThrownBy(
            () -> client.get(Peer.resourceManager("alpha"), uri("/ws/v1/cluster/metrics")))
        .isInstanceOfSatisfying(
            PeerException.Rejected.class, e -> assertThat(e.status()).isEqualTo(307));
    assertThat(server.received()).hasSize(1);
  }

  @Test
  void aFiveHundredIsTransientForAGetAndOutcomeUnknownForAPost() {
    server.answer("/batches", 500, "{\"msg\":\"boom\"}");

    assertThatThrownBy(() -> client.get(LIVY, uri("/batches")))
        .isInstanceOfSatisfying(
            PeerException.Transient.class, e -> assertThat(e.status()).isEqualTo(500));
    assertThatThrownBy(() -> client.send(LIVY, "POST", uri("/batches"), Map.of()))
        .isInstanceOfSatisfying(
            PeerException.OutcomeUnknown.class, e -> assertThat(e.status()).isEqualTo(500));
  }

  @Test
  void anAnswerThatDoesNotReadIsTransientForAGetAndOutcomeUnknownForAPost() {
    server.answer("/batches", 200, "<html>proxy error</html>");
    Argument<Map<String, Object>> map = Argument.mapOf(String.class, Object.class);

    PeerAnswer get = client.get(LIVY, uri("/batches"));
    assertThatThrownBy(() -> client.read(get, map)).isInstanceOf(PeerException.Transient.class);
    PeerAnswer post = client.send(LIVY, "POST", uri("/batches"), Map.of());
    assertThatThrownBy(() -> client.read(post, map))
        .isInstanceOf(PeerException.OutcomeUnknown.class);
  }

  @Test
  void credentialsAreAppliedPerPeer() {
    server.watching("Authorization").answer("/batches", 200, "{}");
    PeerCredentials perCluster =
        (peer, uri, request) -> request.header("Authorization", "Bearer " + peer.cluster());
    PeerClient secured =
        new PeerClient(PeerConfig.defaults(), perCluster, context.getBean(JsonMapper.class));

    secured.get(Peer.livy("alpha"), uri("/batches"));
    secured.get(Peer.livy("beta"), uri("/batches"));

    assertThat(server.received())
        .extracting(LocalHttpServer.Received::header)
        .containsExactly("Bearer alpha", "Bearer beta");
  }

  @Test
  void credentialsThatCannotBeHadLeaveTheRequestUnsent() {
    server.answer("/batches", 200, "{}");
    PeerCredentials failing =
        (peer, uri, request) -> {
          throw new IllegalStateException("Kerberos: the KDC is out of reach");
        };
    PeerClient secured =
        new PeerClient(PeerConfig.defaults(), failing, context.getBean(JsonMapper.class));

    assertThatThrownBy(() -> secured.send(LIVY, "POST", uri("/batches"), Map.of()))
        .isInstanceOf(PeerException.NotSent.class)
        .hasMessageContaining(
            "credentials: IllegalStateException: Kerberos: the KDC is out of reach");
    assertThat(server.received()).isEmpty();
  }

  @Test
  void theDefaultCredentialsAddNothing() {
    server.watching("Authorization").answer("/batches", 200, "{}");
    PeerClient wired = context.getBean(PeerClient.class);

    wired.get(LIVY, uri("/batches"));

    assertThat(server.received())
        .singleElement()
        .extracting(LocalHttpServer.Received::header)
        .isNull();
  }

  @Test
  void joinAddsOneSlashWhateverTheBaseAndPathHave() {
    URI rm = URI.create("http://rm:8088");
    assertThat(PeerClient.join(rm, "ws/v1/cluster")).hasToString("http://rm:8088/ws/v1/cluster");
    assertThat(PeerClient.join(URI.create("http://rm:8088/"), "/ws/v1/cluster"))
        .hasToString("http://rm:8088/ws/v1/cluster");
    assertThat(PeerClient.join(URI.create("http://ym:8080/sim/alpha/rm/"), "ws/v1/cluster?x=1"))
        .hasToString("http://ym:8080/sim/alpha/rm/ws/v1/cluster?x=1");
  }

  private URI uri(String path) {
    return PeerClient.join(server.base(), path);
  }

  private static URI closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }
}
