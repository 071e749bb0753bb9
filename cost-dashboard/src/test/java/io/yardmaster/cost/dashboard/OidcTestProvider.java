package io.yardmaster.cost.dashboard;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An OpenID provider for the dashboard's browser sign-in, on a real HTTP server: discovery, a key
 * set, an authorization endpoint that signs in one fixed user at once (no login form) and a token
 * endpoint that checks what a real one checks for a public client: the code is single-use and was
 * issued to this client and redirect URI, and the PKCE verifier hashes to the challenge (S256
 * only). Its ID tokens are RS256, for {@code now} (the server's fixed test clock).
 */
final class OidcTestProvider implements AutoCloseable {
  private final HttpServer server;
  private final RSAKey key;
  private final String clientId;
  private final Map<String, Object> userClaims;
  private final Instant now;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();

  private record Grant(String clientId, String redirectUri, String challenge, String nonce) {}

  OidcTestProvider(String clientId, Map<String, Object> userClaims, Instant now) {
    this.clientId = clientId;
    this.userClaims = Map.copyOf(userClaims);
    this.now = now;
    try {
      key = new RSAKeyGenerator(2048).keyID("corp-1").generate();
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/.well-known/openid-configuration", this::discovery);
    server.createContext(
        "/jwks", e -> answer(e, 200, new JWKSet(key.toPublicJWK()).toString(), true));
    server.createContext("/authorize", this::authorize);
    server.createContext("/token", this::token);
    server.start();
  }

  String issuer() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void discovery(HttpExchange exchange) throws IOException {
    String issuer = issuer();
    answer(
        exchange,
        200,
        "{\"issuer\":\""
            + issuer
            + "\",\"authorization_endpoint\":\""
            + issuer
            + "/authorize\","
            + "\"token_endpoint\":\""
            + issuer
            + "/token\",\"jwks_uri\":\""
            + issuer
            + "/jwks\","
            + "\"response_types_supported\":[\"code\"],"
            + "\"code_challenge_methods_supported\":[\"S256\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}",
        true);
  }

  private void authorize(HttpExchange exchange) throws IOException {
    Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
    if (!clientId.equals(query.get("client_id"))
        || !"code".equals(query.get("response_type"))
        || !"S256".equals(query.get("code_challenge_method"))
        || query.get("code_challenge") == null
        || query.get("redirect_uri") == null
        || !List.of(query.getOrDefault("scope", "").split(" ")).contains("openid")) {
      answer(exchange, 400, "{\"error\":\"invalid_request\"}", false);
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(
        code,
        new Grant(
            clientId, query.get("redirect_uri"), query.get("code_challenge"), query.get("nonce")));
    exchange
        .getResponseHeaders()
        .add(
            "Location",
            query.get("redirect_uri")
                + "?code="
                + code
                + "&state="
                + URLEncoder.encode(query.getOrDefault("state", ""), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
    exchange.close();
  }

  private void token(HttpExchange exchange) throws IOException {
    Map<String, String> body =
        form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
    Grant grant = codes.remove(body.getOrDefault("code", ""));
    if (grant == null
        || !"authorization_code".equals(body.get("grant_type"))
        || !grant.clientId().equals(body.get("client_id"))
        || !grant.redirectUri().equals(body.get("redirect_uri"))
        || !grant.challenge().equals(s256(body.getOrDefault("code_verifier", "")))) {
      answer(exchange, 400, "{\"error\":\"invalid_grant\"}", true);
      return;
    }
    answer(
        exchange,
        200,
        "{\"token_type\":\"Bearer\",\"expires_in\":300,\"id_token\":\"" + idToken(grant) + "\"}",
        true);
  }

  private String idToken(Grant grant) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer())
            .audience(grant.clientId())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
            .claim("nonce", grant.nonce());
    userClaims.forEach(claims::claim);
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
              claims.build());
      jwt.sign(new RSASSASigner(key));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String s256(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new HashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  /** With {@code cors}: readable by the dashboard's scripts from another origin, as real ones. */
  private static void answer(HttpExchange exchange, int status, String body, boolean cors)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    if (cors) {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
    }
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }
}
