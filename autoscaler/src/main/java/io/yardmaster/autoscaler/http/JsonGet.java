package io.yardmaster.autoscaler.http;

import static java.util.Objects.requireNonNull;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GET a JSON document from a peer (Graphite, a ResourceManager) with a timeout. */
public final class JsonGet {
  private final HttpClient client;
  private final JsonMapper mapper;
  private final Duration timeout;

  public JsonGet(JsonMapper mapper, Duration timeout) {
    this.mapper = requireNonNull(mapper, "mapper is null");
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  /**
   * @throws PeerReadException on a connection failure, a timeout, a non-2xx status or a body that
   *     is not JSON
   */
  public JsonNode get(URI uri) {
    HttpRequest request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").build();
    return send(request, uri);
  }

  /** POST a JSON body; the answer must be 2xx (its body is not read). */
  public void post(URI uri, Object body) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(uri)
              .timeout(timeout)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
              .build();
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw new PeerReadException(uri + " answered HTTP " + response.statusCode(), null);
      }
    } catch (IOException e) {
      throw new PeerReadException(uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerReadException(uri + ": interrupted", e);
    }
  }

  private JsonNode send(HttpRequest request, URI uri) {
    try {
      HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() / 100 != 2) {
        throw new PeerReadException(uri + " answered HTTP " + response.statusCode(), null);
      }
      return mapper.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new PeerReadException(uri + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PeerReadException(uri + ": interrupted", e);
    }
  }
}
