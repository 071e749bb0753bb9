package io.yardmaster.app.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The cost API's answers as a test of a running jar reads them ({@code GET /api/v1/costs}). */
public final class CostAnswers {
  private CostAnswers() {}

  /** The last two days' costs, as admin, by {@code aggregate}. */
  public static Map<String, Object> costs(URI api, String admin, String aggregate)
      throws IOException {
    try (HttpClient http = HttpClient.create(api.toURL())) {
      return http.toBlocking()
          .retrieve(
              HttpRequest.GET("/api/v1/costs?window=2d&aggregate=" + aggregate).bearerAuth(admin),
              Argument.mapOf(String.class, Object.class));
    }
  }

  /** The names of an answer's rows, besides the idle line and other {@code __} rows. */
  public static Set<String> names(Map<String, Object> answer) {
    return rows(answer).stream()
        .map(row -> (String) row.get("name"))
        .filter(name -> !name.startsWith("__"))
        .collect(Collectors.toSet());
  }

  /** Each team's cost in micro-dollars (the idle line under its own name), from any aggregate. */
  @SuppressWarnings("unchecked")
  public static Map<String, Long> costByTeam(Map<String, Object> answer) {
    Map<String, Long> byTeam = new TreeMap<>();
    for (Map<String, Object> row : rows(answer)) {
      String name = (String) row.get("name");
      Map<String, Object> properties = (Map<String, Object>) row.get("properties");
      String team = name.startsWith("__idle__") ? "__idle__" : (String) properties.get("team");
      byTeam.merge(team, ((Number) row.get("costMicros")).longValue(), Long::sum);
    }
    return byTeam;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Map<String, Object> answer) {
    return ((List<Map<String, Object>>) answer.get("sets"))
        .stream()
            .flatMap(set -> ((List<Map<String, Object>>) set.get("rows")).stream())
            .collect(Collectors.toList());
  }
}
