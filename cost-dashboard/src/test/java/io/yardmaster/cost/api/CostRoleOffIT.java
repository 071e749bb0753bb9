package io.yardmaster.cost.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.cost.CostTestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code yardmaster.roles.cost=false} neither the cost API nor the dashboard is served. */
class CostRoleOffIT {
  @Test
  void theRoleSwitchedOffServesNoCostsAndNoDashboard() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (CostTestServer server =
        CostTestServer.start(CostTestServer.Database.H2, Map.of(CostApiDocument.ROLE, "false"))) {
      String admin = server.adminToken();
      HttpResponse<String> costs =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/costs"))
                  .header("Authorization", "Bearer " + admin)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(costs.statusCode()).isEqualTo(404);
      HttpResponse<String> page =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(404);
      HttpResponse<String> document =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + "/openapi/yardmaster-v1.yml"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(document.body()).doesNotContain("/api/v1/costs");
    }
  }
}
