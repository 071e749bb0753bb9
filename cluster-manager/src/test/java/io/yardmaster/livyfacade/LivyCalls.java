package io.yardmaster.livyfacade;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Calls to the facade as the stock LivyOperator makes them: basic auth with the team token as the
 * password, {@code Accept} and {@code Content-Type: application/json}, {@code X-Requested-By}.
 * Every answer must be JSON, errors included.
 */
final class LivyCalls {
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;
  private final JsonMapper json;

  LivyCalls(String base, JsonMapper json) {
    this.base = base;
    this.json = json;
  }

  /** An answer: its status and its JSON body. */
  record Answer(int status, Map<String, Object> body, String raw) {
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> sessions() {
      return (List<Map<String, Object>>) body.get("sessions");
    }
  }

  static String basic(String token) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("any-login:" + token).getBytes(StandardCharsets.UTF_8));
  }

  Answer send(String method, String path, String token, String body, String... headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", basic(token));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().firstValue("Content-Type"))
        .as("%s %s -> %s", method, path, response.body())
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
    Map<String, Object> parsed =
        json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    return new Answer(response.statusCode(), parsed, response.body());
  }

  Answer get(String path, String token) throws IOException, InterruptedException {
    return send("GET", path, token, null);
  }

  /** A small Livy batch body, as the stock operator renders it (counts as strings). */
  static String batch(String name, String conf) {
    return "{\"file\":\"local:/opt/spark/examples/jars/spark-examples.jar\","
        + "\"className\":\"org.apache.spark.examples.SparkPi\",\"args\":[\"10\"],"
        + "\"name\":\""
        + name
        + "\",\"numExecutors\":\"1\",\"executorCores\":\"1\",\"executorMemory\":\"1g\","
        + "\"conf\":{"
        + conf
        + "}}";
  }
}
