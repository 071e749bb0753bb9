package io.yardmaster.app.testing;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pass-through HTTP proxy in front of the simulated fleet's Livy endpoints that, once armed,
 * holds back Livy's answer to the next batch creation: the batch exists in Livy and its app will
 * run, but the caller never hears of it. Killing the caller then leaves exactly the submission a
 * crash between Livy's 201 and the database write leaves, made certain instead of left to timing.
 */
public final class HoldingProxy implements AutoCloseable {
  private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

  /** A Livy answer the caller never got: the request path and Livy's 201 body. */
  public record Held(String path, String body) {
    public Held {
      requireNonNull(path, "path is null");
      requireNonNull(body, "body is null");
    }
  }

  private final URI upstream;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicInteger batchesCreated = new AtomicInteger();
  private final List<Held> holds = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch gate = new CountDownLatch(0);

  static {
    // Without TCP_NODELAY the JDK's server delays each small answer by the peer's delayed ACK
    // (40 ms on Linux), which would slow every Livy call the application makes to a crawl.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private HoldingProxy(URI upstream) throws IOException {
    this.upstream = requireNonNull(upstream, "upstream is null");
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.setExecutor(executor);
    server.start();
  }

  /** A proxy on a free loopback port forwarding every path to {@code upstream}. */
  public static HoldingProxy start(URI upstream) throws IOException {
    return new HoldingProxy(upstream);
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next {@code POST .../batches} that Livy answers 201 is held until {@link #release()}. */
  public void holdNextBatchCreation() {
    gate = new CountDownLatch(1);
    armed.set(true);
  }

  /** Batch creations Livy answered 201 through this proxy, held or not. */
  public int batchesCreated() {
    return batchesCreated.get();
  }

  /** Every answer held so far, the first first. */
  public List<Held> holds() {
    return List.copyOf(holds);
  }

  /** Lets the held answer go (to a caller that is probably gone); later calls pass straight on. */
  public void release() {
    gate.countDown();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI target = upstream.resolve(exchange.getRequestURI().getRawPath());
      if (exchange.getRequestURI().getRawQuery() != null) {
        target = URI.create(target + "?" + exchange.getRequestURI().getRawQuery());
      }
      byte[] requestBody;
      try (InputStream in = exchange.getRequestBody()) {
        requestBody = in.readAllBytes();
      }
      HttpRequest.Builder request =
          HttpRequest.newBuilder(target)
              .timeout(UPSTREAM_TIMEOUT)
              .method(
                  exchange.getRequestMethod(),
                  requestBody.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(requestBody));
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType != null) {
        request.header("Content-Type", contentType);
      }
      HttpResponse<byte[]> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        exchange.sendResponseHeaders(502, -1);
        return;
      }
      boolean created = isBatchCreation(exchange, response);
      if (created) {
        batchesCreated.incrementAndGet();
      }
      if (created && armed.compareAndSet(true, false)) {
        CountDownLatch mine = gate;
        holds.add(
            new Held(
                exchange.getRequestURI().getRawPath(),
                new String(response.body(), StandardCharsets.UTF_8)));
        mine.await();
      }
      response
          .headers()
          .firstValue("Content-Type")
          .ifPresent(value -> exchange.getResponseHeaders().set("Content-Type", value));
      byte[] body = response.body();
      exchange.sendResponseHeaders(response.statusCode(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the caller went away (killed while its answer was held): nothing left to answer
    }
  }

  private static boolean isBatchCreation(HttpExchange exchange, HttpResponse<byte[]> response) {
    return "POST".equals(exchange.getRequestMethod())
        && exchange.getRequestURI().getPath().endsWith("/batches")
        && response.statusCode() == 201;
  }
}
