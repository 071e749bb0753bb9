package io.yardmaster.app.testing;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's public face on a real HTTP server: the OpenID discovery document at {@code
 * /.well-known/openid-configuration} and the key set at {@code /jwks}, which the test can replace
 * (a key rotation). Counts the key set's reads.
 */
public final class JwksServer implements AutoCloseable {
  private final HttpServer server;
  private final AtomicInteger jwksReads = new AtomicInteger();
  private volatile JWKSet keys;

  private JwksServer(List<JWK> keys) throws IOException {
    this.keys = new JWKSet(keys);
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/.well-known/openid-configuration",
        exchange ->
            answer(
                exchange,
                "{\"issuer\":\""
                    + issuer()
                    + "\",\"jwks_uri\":\""
                    + issuer()
                    + "/jwks\",\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"]}"));
    server.createContext(
        "/jwks",
        exchange -> {
          jwksReads.incrementAndGet();
          // Public parts only, as an identity provider publishes them.
          answer(exchange, this.keys.toPublicJWKSet().toString());
        });
    server.start();
  }

  /** Serves the public parts of {@code keys}. */
  public static JwksServer serving(List<JWK> keys) {
    try {
      return new JwksServer(keys);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The issuer URL, which is also where discovery starts. */
  public String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on serves these keys instead (a rotation). */
  public void publish(List<JWK> next) {
    keys = new JWKSet(next);
  }

  public int jwksReads() {
    return jwksReads.get();
  }

  private static void answer(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
