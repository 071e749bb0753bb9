package io.yardmaster.autoscaler.nodepool.azure;

import static io.yardmaster.autoscaler.nodepool.azure.ArmEmulatorFixture.BATCH_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The ARM emulator's wire details the SDK hides: status codes, error bodies, headers. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArmEmulatorHttpIT {
  private static final String API_VERSION = "?api-version=2025-04-01";
  private static final Pattern ETAG = Pattern.compile("\"etag\":\"(\\\\\"\\d+\\\\\")\"");

  private final HttpClient http = HttpClient.newHttpClient();
  private ArmEmulatorFixture arm;

  @BeforeAll
  void start() {
    arm = new ArmEmulatorFixture();
  }

  @AfterAll
  void stop() {
    arm.close();
  }

  @BeforeEach
  void reset() {
    arm.faults().clear();
    arm.throttle().reset();
  }

  @Test
  void getReturnsTheResourceWithItsEtagInBodyAndHeader() throws Exception {
    HttpResponse<String> response = send("GET", BATCH_ID + API_VERSION, null, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"type\":\"Microsoft.Compute/virtualMachineScaleSets\"")
        .contains("\"sku\":{\"name\":\"Standard_D8s_v5\",\"tier\":\"Standard\",\"capacity\":")
        .contains("\"provisioningState\":");
    assertThat(response.headers().firstValue("ETag")).contains(unescape(etagOf(response.body())));
  }

  @Test
  void aRequestWithoutApiVersionIsRejected() throws Exception {
    HttpResponse<String> response = send("GET", BATCH_ID, null, null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\"code\":\"MissingApiVersionParameter\"");
  }

  @Test
  void anUnknownScaleSetIsResourceNotFound() throws Exception {
    HttpResponse<String> response =
        send("GET", ArmEmulatorFixture.MISSING_ID + API_VERSION, null, null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.body())
        .startsWith("{\"error\":{\"code\":\"ResourceNotFound\"")
        .contains("Microsoft.Compute/virtualMachineScaleSets/vmss-missing")
        .contains("rg-yardmaster");
  }

  @Test
  void aPatchWithAStaleEtagIsPreconditionFailed() throws Exception {
    HttpResponse<String> response =
        send("PATCH", BATCH_ID + API_VERSION, "\"0\"", "{\"sku\":{\"capacity\":1}}");

    assertThat(response.statusCode()).isEqualTo(412);
    assertThat(response.body())
        .startsWith("{\"error\":{\"code\":\"PreconditionFailed\"")
        .contains("If-Match = \\\"0\\\"");
  }

  @Test
  void anAcceptedPatchPointsAtAnOperationThatEndsSucceeded() throws Exception {
    String etag = unescape(etagOf(send("GET", BATCH_ID + API_VERSION, null, null).body()));
    int capacity = capacityOf(send("GET", BATCH_ID + API_VERSION, null, null).body());

    HttpResponse<String> response =
        send("PATCH", BATCH_ID + API_VERSION, etag, "{\"sku\":{\"capacity\":" + capacity + "}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("ETag")).isPresent().get().isNotEqualTo(etag);
    String operation = response.headers().firstValue("Azure-AsyncOperation").orElseThrow();
    assertThat(operation)
        .contains("/sim/arm/subscriptions/" + ArmEmulatorFixture.SUBSCRIPTION)
        .contains("/providers/Microsoft.Compute/locations/westeurope/operations/")
        .endsWith("api-version=2025-04-01");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> get(URI.create(operation)).body().contains("\"status\":\"Succeeded\""));
    assertThat(get(URI.create(operation)).body()).contains("\"endTime\":");
  }

  @Test
  void aPutChangesTheCapacityLikeAPatch() throws Exception {
    String current = send("GET", BATCH_ID + API_VERSION, null, null).body();
    int capacity = capacityOf(current);

    HttpResponse<String> response =
        send(
            "PUT",
            BATCH_ID + API_VERSION,
            unescape(etagOf(current)),
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_D8s_v5\",\"capacity\":"
                + (capacity + 1)
                + "}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Azure-AsyncOperation")).isPresent();
    assertThat(capacityOf(send("GET", BATCH_ID + API_VERSION, null, null).body()))
        .isEqualTo(capacity + 1);
  }

  @Test
  void anotherVmSizeIsRejected() throws Exception {
    HttpResponse<String> response =
        send("PATCH", BATCH_ID + API_VERSION, null, "{\"sku\":{\"name\":\"Standard_B2s\"}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body())
        .startsWith("{\"error\":{\"code\":\"InvalidParameter\"")
        .contains("\"target\":\"sku.name\"");
  }

  @Test
  void aThrottledWriteSaysWhenToComeBack() throws Exception {
    for (int write = 0; write < 12; write++) {
      assertThat(send("POST", BATCH_ID + "/delete" + API_VERSION, null, "{}").statusCode())
          .isEqualTo(400);
    }

    HttpResponse<String> response =
        send("POST", BATCH_ID + "/delete" + API_VERSION, null, "{\"instanceIds\":[\"0\"]}");

    assertThat(response.statusCode()).isEqualTo(429);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow()))
        .isBetween(1L, 15L);
    assertThat(response.body())
        .startsWith("{\"error\":{\"code\":\"OperationNotAllowed\"")
        .contains("\"code\":\"TooManyRequests\"");
  }

  @Test
  void theAdminEndpointInjectsFaults() throws Exception {
    HttpRequest inject =
        HttpRequest.newBuilder(URI.create(arm.adminBase() + "/faults"))
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"scaleSetId\":\"" + BATCH_ID + "\",\"status\":503,\"times\":1}"))
            .build();
    assertThat(http.send(inject, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);

    assertThat(send("GET", BATCH_ID + API_VERSION, null, null).statusCode()).isEqualTo(503);
    assertThat(send("GET", BATCH_ID + API_VERSION, null, null).statusCode()).isEqualTo(200);
  }

  private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> send(String method, String path, String ifMatch, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(arm.armBase() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (ifMatch != null) {
      request.header("If-Match", ifMatch);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String etagOf(String body) {
    Matcher matcher = ETAG.matcher(body);
    assertThat(matcher.find()).as("etag in %s", body).isTrue();
    return matcher.group(1);
  }

  private static String unescape(String json) {
    return json.replace("\\\"", "\"");
  }

  private static int capacityOf(String body) {
    Matcher matcher = Pattern.compile("\"capacity\":(\\d+)").matcher(body);
    assertThat(matcher.find()).isTrue();
    return Integer.parseInt(matcher.group(1));
  }
}
