package io.yardmaster.peers.harness;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Debian's HAProxy ({@code YM_TEST_HAPROXY}, installed by {@code infra/local-stack/test.sh}) in the
 * foreground on a free loopback port, its log in a file: a real load balancer in front of
 * application replicas ({@link #loadBalancer}), or a gateway that asks for TLS and basic auth in
 * front of a peer, as Knox does in front of Livy ({@link #tlsGateway}).
 */
public final class HaProxyProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final String scheme;

  private HaProxyProcess(Process process, int port, String scheme) {
    this.process = process;
    this.port = port;
    this.scheme = scheme;
  }

  /**
   * Balancing over the replicas on {@code ports} as docs/operations.md advises: health checks on
   * {@code /health/readiness}, and a request that found no server (a refused connection, an empty
   * answer, a 502/503) sent again to another replica.
   */
  public static HaProxyProcess loadBalancer(List<Integer> ports, Path dir) throws IOException {
    StringBuilder servers = new StringBuilder();
    for (int i = 0; i < ports.size(); i++) {
      servers.append("  server replica-").append(i).append(" 127.0.0.1:");
      servers.append(ports.get(i)).append(" check\n");
    }
    return start(
        dir,
        "http",
        port ->
            String.join(
                    "\n",
                    defaults(),
                    "  retries 3",
                    "  option redispatch 1",
                    "  retry-on conn-failure empty-response 502 503",
                    "frontend api",
                    "  bind 127.0.0.1:" + port,
                    "  default_backend replicas",
                    "backend replicas",
                    "  balance roundrobin",
                    "  option httpchk GET /health/readiness",
                    "  http-check expect status 200",
                    "  default-server inter 500ms fall 2 rise 2",
                    "")
                + servers);
  }

  /**
   * HTTPS with {@code certificateAndKey} (one PEM file), and HTTP basic auth as {@code user} /
   * {@code password}, in front of {@code backend}: a 401 without them, the peer's answer with them.
   */
  public static HaProxyProcess tlsGateway(
      URI backend, Path certificateAndKey, String user, String password, Path dir)
      throws IOException {
    return start(
        dir,
        "https",
        port ->
            String.join(
                "\n",
                "userlist gatekeepers",
                "  user " + user + " insecure-password " + password,
                defaults(),
                "frontend gateway",
                "  bind 127.0.0.1:" + port + " ssl crt " + certificateAndKey,
                "  http-request auth realm yardmaster-test unless { http_auth(gatekeepers) }",
                "  http-request del-header Authorization",
                "  default_backend peer",
                "backend peer",
                "  server peer " + backend.getHost() + ":" + backend.getPort(),
                ""));
  }

  public URI url() {
    return URI.create(scheme + "://127.0.0.1:" + port);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private static String defaults() {
    return String.join(
        "\n",
        "global",
        "  maxconn 512",
        "defaults",
        "  mode http",
        "  timeout connect 1s",
        "  timeout client 60s",
        "  timeout server 60s");
  }

  private static HaProxyProcess start(Path dir, String scheme, IntFunction<String> config)
      throws IOException {
    int port = YardmasterProcess.freePort();
    Files.createDirectories(dir);
    Path file = dir.resolve("haproxy.cfg");
    Path log = dir.resolve("haproxy.log");
    Files.writeString(file, config.apply(port));
    String binary = System.getenv().getOrDefault("YM_TEST_HAPROXY", "/usr/sbin/haproxy");
    Process process =
        new ProcessBuilder(binary, "-db", "-f", file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    HaProxyProcess proxy = new HaProxyProcess(process, port, scheme);
    await("HAProxy listening on " + port + "; log " + log.toAbsolutePath())
        .atMost(Duration.ofSeconds(20))
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    "HAProxy exited with " + process.exitValue() + ": " + Files.readString(log));
              }
              try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
    return proxy;
  }
}
