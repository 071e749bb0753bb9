package io.yardmaster.core.peer;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on a free local port (the JDK's), answering each path as told, and remembering
 * the requests it got. {@link #hang} makes a path take a request and never answer until the server
 * closes.
 */
public final class LocalHttpServer implements AutoCloseable {
  /** One request as the server received it. */
  public record Received(String method, String path, String query, String body, String header) {}

  private final HttpServer server;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile String watchedHeader = "Authorization";

  public LocalHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Which request header {@link Received#header} records. */
  public LocalHttpServer watching(String header) {
    this.watchedHeader = header;
    return this;
  }

  public LocalHttpServer answer(String path, int status, String body) {
    return answer(path, status, body, null);
  }

  public LocalHttpServer answer(String path, int status, String body, String location) {
    server.createContext(
        path,
        exchange -> {
          record(exchange);
          if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
          }
          byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
          if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
          }
          exchange.close();
        });
    return this;
  }

  /** Takes the whole request, then answers nothing until the server closes. */
  public LocalHttpServer hang(String path) {
    server.createContext(
        path,
        exchange -> {
          record(exchange);
          try {
            closing.await(1, TimeUnit.MINUTES);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          exchange.close();
        });
    return this;
  }

  public List<Received> received() {
    return List.copyOf(received);
  }

  private void record(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    received.add(
        new Received(
            exchange.getRequestMethod(),
            exchange.getRequestURI().getPath(),
            exchange.getRequestURI().getRawQuery(),
            body,
            exchange.getRequestHeaders().getFirst(watchedHeader)));
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
