package io.yardmaster.web.auth.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

/**
 * Reads a key set over HTTP: from the configured {@code jwks-uri}, or from the {@code jwks_uri} of
 * the issuer's discovery document, whose {@code issuer} must be the configured one. Redirects are
 * not followed and an answer is read up to {@link #MAX_BYTES}, so a wrong or hostile endpoint can
 * neither send Yardmaster elsewhere nor fill its memory.
 */
final class HttpJwksFetcher implements JwksFetcher {
  static final int MAX_BYTES = 512 * 1024;
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final OidcIssuer issuer;
  private final HttpClient http;
  @Nullable private volatile URI jwksUri;

  HttpJwksFetcher(OidcIssuer issuer, HttpClient http) {
    this.issuer = issuer;
    this.http = http;
    this.jwksUri = issuer.jwksUri();
  }

  @Override
  public JWKSet fetch() throws IOException {
    URI uri = jwksUri;
    if (uri == null) {
      uri = discover();
      jwksUri = uri;
    }
    try {
      return JWKSet.parse(get(uri));
    } catch (ParseException e) {
      throw new IOException(uri + " is not a JWK set: " + e.getMessage(), e);
    }
  }

  @Override
  public String source() {
    URI uri = jwksUri;
    return uri == null ? OidcIssuer.discovery(issuer.issuer()).toString() : uri.toString();
  }

  private URI discover() throws IOException {
    URI discovery = OidcIssuer.discovery(issuer.issuer());
    Map<String, Object> metadata;
    try {
      metadata = JSONObjectUtils.parse(get(discovery));
    } catch (ParseException e) {
      throw new IOException(discovery + " is not JSON: " + e.getMessage(), e);
    }
    if (!issuer.issuer().equals(metadata.get("issuer"))) {
      throw new IOException(
          discovery + " names issuer " + metadata.get("issuer") + ", not " + issuer.issuer());
    }
    if (!(metadata.get("jwks_uri") instanceof String jwks)) {
      throw new IOException(discovery + " has no jwks_uri");
    }
    try {
      return OidcIssuer.fetchable(jwks, discovery + " jwks_uri");
    } catch (InvalidConfigurationException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private String get(URI uri) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while reading " + uri, e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException(uri + " answered " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (bytes.length > MAX_BYTES) {
        throw new IOException(uri + " answered more than " + MAX_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }
}
