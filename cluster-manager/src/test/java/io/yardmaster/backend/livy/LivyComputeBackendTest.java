package io.yardmaster.backend.livy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.json.JsonMapper;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BackendException.Kind;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.core.peer.NoPeerCredentials;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.registry.ClusterConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The peer layer's failure classes as the submitter sees them: BackendException kinds. */
class LivyComputeBackendTest {
  private static final JsonMapper JSON = JsonMapper.createDefault();
  private static final BatchSubmission PI =
      new BatchSubmission(
          "ym-job-1",
          "local:///pi.jar",
          null,
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          List.of(),
          null,
          null,
          null,
          null,
          null,
          null,
          Map.of(),
          "alice");

  private final CountDownLatch closing = new CountDownLatch(1);
  private HttpServer server;
  private LivyComputeBackend backend;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
    PeerClient http =
        new PeerClient(
            new PeerConfig(
                Duration.ofSeconds(2), Duration.ofMillis(300), Duration.ofMillis(300), null),
            new NoPeerCredentials(),
            JSON);
    backend = new LivyComputeBackend(http, new ResourceManagerClient(http), JSON);
  }

  @AfterEach
  void stop() {
    closing.countDown();
    server.stop(0);
  }

  @Test
  void aCreatedBatchIsItsStatus() {
    answer("/livy/batches", 201, "{\"id\":4,\"name\":\"ym-job-1\",\"state\":\"starting\"}");

    assertThat(backend.submit(cluster(base()), PI).id()).isEqualTo(4);
  }

  @Test
  void aRefusedConnectionIsNotSent() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ClusterConfig down = cluster(URI.create("http://127.0.0.1:" + port));

    assertThatThrownBy(() -> backend.submit(down, PI))
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_SENT));
  }

  @Test
  void aSubmissionWithoutAnswerIsOutcomeUnknown() {
    server.createContext(
        "/livy/batches",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          try {
            closing.await(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });

    assertThatThrownBy(() -> backend.submit(cluster(base()), PI))
        .isInstanceOfSatisfying(
            BackendException.class, e -> assertThat(e.kind()).isEqualTo(Kind.OUTCOME_UNKNOWN));
  }

  @Test
  void livysRefusalsAreBusyDuplicateOrRejectedByTheirMessage() {
    answer("/livy/batches", 400, "{\"msg\":\"Rejected, too many sessions are being created!\"}");
    assertThat(kind()).isEqualTo(Kind.BUSY);

    server.removeContext("/livy/batches");
    answer("/livy/batches", 400, "{\"msg\":\"Duplicate session name: ym-job-1\"}");
    assertThat(kind()).isEqualTo(Kind.DUPLICATE);

    server.removeContext("/livy/batches");
    answer("/livy/batches", 400, "{\"msg\":\"file is required\"}");
    assertThatThrownBy(() -> backend.submit(cluster(base()), PI))
        .hasMessage("Livy answered 400: file is required");
  }

  @Test
  void refusedCredentialsLeaveABatchUnsentNotRejected() {
    answer("/livy/batches", 401, "<html>Unauthorized</html>");
    assertThat(kind()).isEqualTo(Kind.NOT_SENT);

    server.removeContext("/livy/batches");
    answer("/livy/batches", 407, "");
    assertThat(kind()).isEqualTo(Kind.NOT_SENT);

    server.removeContext("/livy/batches");
    answer("/livy/batches", 403, "{\"msg\":\"svc is not allowed to impersonate risk\"}");
    assertThat(kind()).as("a refusal of this batch's user").isEqualTo(Kind.REJECTED);
  }

  @Test
  void aFiveHundredToASubmissionIsOutcomeUnknown() {
    answer("/livy/batches", 500, "{\"msg\":\"boom\"}");
    assertThat(kind()).isEqualTo(Kind.OUTCOME_UNKNOWN);
  }

  @Test
  void killingABatchLivyDoesNotKnowIsFalse() {
    answer("/livy/batches/9", 404, "{\"msg\":\"Session '9' not found.\"}");
    answer("/livy/batches/8", 200, "{\"msg\":\"deleted\"}");

    assertThat(backend.killBatch(cluster(base()), 9)).isFalse();
    assertThat(backend.killBatch(cluster(base()), 8)).isTrue();
  }

  private Kind kind() {
    try {
      backend.submit(cluster(base()), PI);
      throw new AssertionError("submitted");
    } catch (BackendException e) {
      return e.kind();
    }
  }

  private void answer(String path, int status, String body) {
    server.createContext(
        path,
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static ClusterConfig cluster(URI base) {
    return new ClusterConfig(
        "alpha",
        base.resolve("/livy"),
        base.resolve("/rm"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
