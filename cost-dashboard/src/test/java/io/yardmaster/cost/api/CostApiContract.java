package io.yardmaster.cost.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.yardmaster.cost.AllocationRow;
import io.yardmaster.cost.CostFixtures;
import io.yardmaster.cost.CostTestServer;
import io.yardmaster.cost.FixedClockFactory;
import io.yardmaster.testing.ResponseConformance;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code GET /api/v1/costs} and its CSV through real HTTP on a real server, over rows written
 * straight into {@code cost_allocation}: every answer is checked against the same sums computed
 * here from the rows, to the micro-dollar. Run on H2 and on PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CostApiContract {
  static final Instant START = Instant.parse("2026-11-02T00:00:00Z");
  static final String NOW = "2026-11-04T12:30:00Z";
  static final String WINDOW = "2026-11-02T00:00:00Z,2026-11-05T00:00:00Z";
  private final HttpClient http = HttpClient.newHttpClient();
  private CostTestServer server;
  private JsonMapper json;
  private List<AllocationRow> rows;
  private String admin;
  private String risk;

  abstract CostTestServer.Database database();

  @BeforeAll
  void start() {
    server =
        CostTestServer.start(
            database(),
            Map.of(
                FixedClockFactory.PROPERTY,
                NOW,
                "yardmaster.cost.airflow-url",
                "http://airflow.example:8080/"));
    json = server.context().getBean(JsonMapper.class);
    rows = CostFixtures.hours(START, 72, 9, 12, 13);
    // One row before and one after the window: a window never takes them.
    rows.add(outside(START.minus(Duration.ofHours(1))));
    rows.add(outside(START.plus(Duration.ofHours(72))));
    server.insert(rows);
    admin = server.adminToken();
    risk = server.teamToken("risk");
  }

  @AfterAll
  void stop() {
    server.close();
    assertThat(ResponseConformance.violations()).isEmpty();
  }

  private static AllocationRow outside(Instant hour) {
    return new AllocationRow(
        hour.toEpochMilli(),
        "alpha",
        "alpha-ondemand",
        "APP",
        "application_outside_1",
        "risk",
        CostFixtures.dag(0),
        "extract",
        "r",
        1,
        "job-outside",
        "root.risk",
        "risk-svc",
        "SUCCEEDED",
        1,
        1,
        500_000_000,
        500_000_000,
        1_000_000_000,
        0,
        0);
  }

  @Test
  void everyAggregateAndIdleModeAddsUpToTheBillToTheMicroDollar() throws Exception {
    long bill = sum(inWindow(), AllocationRow::costMicros);
    for (String aggregate :
        List.of(
            "dag",
            "task",
            "run",
            "try",
            "team",
            "cluster",
            "pool",
            "queue",
            "user",
            "job",
            "app",
            "team,dag",
            "cluster,pool")) {
      for (String idle : List.of("separate", "share", "cause")) {
        Map<String, Object> answer =
            get("/api/v1/costs?window=" + WINDOW + "&aggregate=" + aggregate + "&idle=" + idle);
        Map<String, Object> set = only(sets(answer));
        long rowSum = rows(set).stream().mapToLong(row -> micros(row, "costMicros")).sum();
        String what = aggregate + " " + idle;
        assertThat(rowSum).as(what).isEqualTo(bill);
        assertThat(micros(totals(set), "costMicros")).as(what).isEqualTo(bill);
        assertThat(micros(totals(answer), "costMicros")).as(what).isEqualTo(bill);
        assertThat(dollars(totals(answer).get("cost"))).as(what).isEqualTo(bill);
        for (Map<String, Object> row : rows(set)) {
          long parts =
              dollars(row.get("cpuCost"))
                  + dollars(row.get("memoryCost"))
                  + dollars(row.get("idleCost"));
          assertThat(parts).as(what + " " + row.get("name")).isEqualTo(micros(row, "costMicros"));
        }
      }
    }
  }

  @Test
  void aDagsRowIsItsAppsCostWithItsIdleShareWhenShared() throws Exception {
    Map<String, Long> separate = byLabel(AllocationRow::dag, row -> row.costMicros());
    Map<String, Long> share =
        byLabel(AllocationRow::dag, row -> row.costMicros() + row.idleShareMicros());
    Map<String, Long> cause =
        byLabel(AllocationRow::dag, row -> row.costMicros() + row.idleCauseMicros());
    separate.put("__idle__", sum(idleRows(), AllocationRow::costMicros));
    share.put("__idle__", sum(idleRows(), AllocationRow::idleShareMicros));
    cause.put("__idle__", sum(idleRows(), AllocationRow::idleCauseMicros));
    assertThat(costs("aggregate=dag&idle=separate")).isEqualTo(separate);
    assertThat(costs("aggregate=dag&idle=share")).isEqualTo(share);
    assertThat(costs("aggregate=dag&idle=cause")).isEqualTo(cause);
    Map<String, Object> row = row("aggregate=dag", CostFixtures.dag(0));
    long vcoreSeconds =
        sum(apps(r -> r.dag().equals(CostFixtures.dag(0))), AllocationRow::vcoreSeconds);
    assertThat(new BigDecimal((String) row.get("coreHours")))
        .isEqualByComparingTo(
            BigDecimal.valueOf(vcoreSeconds)
                .divide(BigDecimal.valueOf(3600), 3, java.math.RoundingMode.HALF_UP));
    long failed =
        sum(
            apps(r -> r.dag().equals(CostFixtures.dag(0)) && r.failed()),
            AllocationRow::costMicros);
    assertThat(dollars(row.get("failedCost"))).isEqualTo(failed);
    assertThat(micros(row, "runs")).isEqualTo(3); // one run a day, three days
    assertThat(((Map<?, ?>) row.get("links")).get("airflow"))
        .isEqualTo("http://airflow.example:8080/dags/" + CostFixtures.dag(0));
  }

  @Test
  void labelsNameTheRowAndTheirImpliedParents() throws Exception {
    String dag = CostFixtures.dag(1);
    Map<String, Object> answer =
        get("/api/v1/costs?window=" + WINDOW + "&aggregate=try&filter=dag:" + dag);
    Map<String, Object> first =
        rows(only(sets(answer))).stream()
            .filter(r -> !((String) r.get("name")).startsWith("__"))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, String> properties = (Map<String, String>) first.get("properties");
    assertThat(properties.keySet()).containsExactly("dag", "task", "run", "try");
    assertThat((String) first.get("name"))
        .isEqualTo(String.join("/", properties.values()))
        .startsWith(dag + "/");
    Map<String, Long> teamDag =
        byLabel(
            row ->
                row.team().isEmpty()
                    ? "__unallocated__/__unallocated__"
                    : row.team() + "/" + row.dag(),
            AllocationRow::costMicros);
    teamDag.put("__idle__", sum(idleRows(), AllocationRow::costMicros));
    assertThat(costs("aggregate=team,dag")).isEqualTo(teamDag);
    Map<String, Object> app =
        rows(only(sets(get("/api/v1/costs?window=" + WINDOW + "&aggregate=app&filter=team:ml"))))
            .stream()
            .filter(r -> !((String) r.get("name")).startsWith("__"))
            .findFirst()
            .orElseThrow();
    @SuppressWarnings("unchecked")
    Map<String, String> links = (Map<String, String>) app.get("links");
    assertThat(links.get("job")).startsWith("/api/v1/jobs/job-");
    assertThat(links.get("airflow")).contains("/runs/").contains("/tasks/");
  }

  @Test
  void stepsCutTheWindowAndTheSetsAddUpToTheWhole() throws Exception {
    for (String step : List.of("1h", "6h", "1d")) {
      Map<String, Object> answer =
          get("/api/v1/costs?window=" + WINDOW + "&aggregate=team&step=" + step);
      long hours = Duration.parse("PT" + step.replace("1d", "24h").toUpperCase()).toHours();
      assertThat(sets(answer)).as(step).hasSize((int) (72 / hours));
      long whole = 0;
      for (Map<String, Object> set : sets(answer)) {
        long from = Instant.parse((String) set.get("start")).toEpochMilli();
        long to = Instant.parse((String) set.get("end")).toEpochMilli();
        assertThat(to - from).isEqualTo(Duration.ofHours(hours).toMillis());
        long expected =
            sum(
                rows.stream().filter(r -> r.hourStart() >= from && r.hourStart() < to).toList(),
                AllocationRow::costMicros);
        assertThat(micros(totals(set), "costMicros")).as(step + " " + from).isEqualTo(expected);
        whole += expected;
      }
      assertThat(micros(totals(answer), "costMicros")).isEqualTo(whole);
      assertThat(micros(totals(answer), "runs")).isEqualTo(runs(inWindow()));
    }
  }

  @Test
  void windowsInWordsAndDurationsEndWithTheCurrentHour() throws Exception {
    Map<String, String[]> windows = new TreeMap<>();
    windows.put("today", new String[] {"2026-11-04T00:00:00Z", "2026-11-04T13:00:00Z"});
    windows.put("yesterday", new String[] {"2026-11-03T00:00:00Z", "2026-11-04T00:00:00Z"});
    windows.put("week", new String[] {"2026-11-02T00:00:00Z", "2026-11-04T13:00:00Z"});
    windows.put("lastweek", new String[] {"2026-10-26T00:00:00Z", "2026-11-02T00:00:00Z"});
    windows.put("month", new String[] {"2026-11-01T00:00:00Z", "2026-11-04T13:00:00Z"});
    windows.put("24h", new String[] {"2026-11-03T13:00:00Z", "2026-11-04T13:00:00Z"});
    windows.put("2d", new String[] {"2026-11-03T00:00:00Z", "2026-11-04T13:00:00Z"});
    windows.put(
        "2026-11-02T10:30:00Z,2026-11-02T11:10:00Z",
        new String[] {"2026-11-02T10:00:00Z", "2026-11-02T12:00:00Z"});
    for (Map.Entry<String, String[]> window : windows.entrySet()) {
      Map<String, Object> answer = get("/api/v1/costs?window=" + window.getKey());
      assertThat(answer.get("start")).as(window.getKey()).isEqualTo(window.getValue()[0]);
      assertThat(answer.get("end")).as(window.getKey()).isEqualTo(window.getValue()[1]);
      long from = Instant.parse(window.getValue()[0]).toEpochMilli();
      long to = Instant.parse(window.getValue()[1]).toEpochMilli();
      assertThat(micros(totals(answer), "costMicros"))
          .as(window.getKey())
          .isEqualTo(
              sum(
                  rows.stream().filter(r -> r.hourStart() >= from && r.hourStart() < to).toList(),
                  AllocationRow::costMicros));
    }
  }

  @Test
  void filtersKeepTheirAppsAndShowOnlyTheirShareOfIdle() throws Exception {
    Map<String, Long> risk =
        byLabel(AllocationRow::dag, AllocationRow::costMicros, r -> r.team().equals("risk"));
    risk.put("__idle__", sum(apps(r -> r.team().equals("risk")), AllocationRow::idleShareMicros));
    assertThat(costs("aggregate=dag&filter=team:risk")).isEqualTo(risk);
    Map<String, Long> two =
        byLabel(
            AllocationRow::team,
            AllocationRow::costMicros,
            r -> r.team().equals("risk") || r.team().equals("ml"));
    two.put(
        "__idle__",
        sum(
            apps(r -> r.team().equals("risk") || r.team().equals("ml")),
            AllocationRow::idleShareMicros));
    assertThat(costs("aggregate=team&filter=team:risk,team:ml")).isEqualTo(two);
    String dag = CostFixtures.dag(0);
    Map<String, Long> both =
        byLabel(
            AllocationRow::task,
            AllocationRow::costMicros,
            r -> r.dag().equals(dag) && r.cluster().equals("alpha"));
    Map<String, Long> namedBoth = new HashMap<>();
    both.forEach((task, cost) -> namedBoth.put(dag + "/" + task, cost));
    namedBoth.put(
        "__idle__",
        sum(
            apps(r -> r.dag().equals(dag) && r.cluster().equals("alpha")),
            AllocationRow::idleShareMicros));
    assertThat(costs("aggregate=task&filter=dag:" + dag + ",cluster:alpha")).isEqualTo(namedBoth);
    // A filter on where apps ran, not what they are, keeps that place's raw idle.
    Map<String, Long> pool = new HashMap<>();
    pool.put(
        "alpha-spot", sum(apps(r -> r.pool().equals("alpha-spot")), AllocationRow::costMicros));
    pool.put(
        "__idle__/alpha-spot",
        sum(
            idleRows().stream().filter(r -> r.pool().equals("alpha-spot")).toList(),
            AllocationRow::costMicros));
    assertThat(costs("aggregate=pool&filter=pool:alpha-spot")).isEqualTo(pool);
    Map<String, Long> queue = new HashMap<>();
    queue.put("adhoc", sum(apps(r -> r.queue().equals("adhoc")), AllocationRow::costMicros));
    queue.put(
        "__idle__", sum(apps(r -> r.queue().equals("adhoc")), AllocationRow::idleShareMicros));
    assertThat(costs("aggregate=queue&filter=queue:adhoc")).isEqualTo(queue);
  }

  @Test
  void aTeamSeesOnlyItsOwnAppsWithIdleAsItsShareAndAnAdminSeesAll() throws Exception {
    for (String idle : List.of("separate", "share", "cause")) {
      Map<String, Object> answer =
          get("/api/v1/costs?window=" + WINDOW + "&aggregate=team&idle=" + idle, risk);
      Set<String> names =
          rows(only(sets(answer))).stream()
              .map(r -> (String) r.get("name"))
              .collect(Collectors.toSet());
      Function<AllocationRow, Long> extra =
          switch (idle) {
            case "share" -> AllocationRow::idleShareMicros;
            case "cause" -> AllocationRow::idleCauseMicros;
            default -> r -> 0L;
          };
      List<AllocationRow> own = apps(r -> r.team().equals("risk"));
      long expected = sum(own, AllocationRow::costMicros) + sum(own, extra::apply);
      if (idle.equals("separate")) {
        assertThat(names).containsExactlyInAnyOrder("risk", "__idle__");
        expected += sum(own, AllocationRow::idleShareMicros);
      } else {
        assertThat(names).containsExactly("risk");
      }
      assertThat(micros(totals(answer), "costMicros")).as(idle).isEqualTo(expected);
      assertThat(answer.get("filter")).isEqualTo(List.of("team:risk"));
    }
    assertThat(costs("aggregate=dag&filter=team:risk", risk))
        .isEqualTo(costs("aggregate=dag&filter=team:risk"));
    HttpResponse<String> other = send("/api/v1/costs?filter=team:ml", risk);
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).contains("\"filter\"");
    assertThat(costs("aggregate=team").keySet())
        .containsExactlyInAnyOrder(
            "risk", "ml", "growth", "finance", "__unallocated__", "__idle__");
    HttpResponse<String> none =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/costs")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(401);
  }

  @Test
  void theCsvIsTheJsonLineByLine() throws Exception {
    String query = "?window=" + WINDOW + "&aggregate=team,dag&step=1d&idle=share";
    Map<String, Object> answer = get("/api/v1/costs" + query);
    HttpResponse<String> csv = send("/api/v1/costs.csv" + query, admin);
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
    List<String> lines = List.of(csv.body().split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "start,end,name,team,dag,cost,cpuCost,memoryCost,idleCost,failedCost,coreHours,"
                + "memoryGbHours,runs,efficiency");
    List<String> expected = new ArrayList<>();
    for (Map<String, Object> set : sets(answer)) {
      for (Map<String, Object> row : rows(set)) {
        @SuppressWarnings("unchecked")
        Map<String, String> properties = (Map<String, String>) row.get("properties");
        expected.add(
            String.join(
                ",",
                (String) set.get("start"),
                (String) set.get("end"),
                (String) row.get("name"),
                properties.getOrDefault("team", ""),
                properties.getOrDefault("dag", ""),
                (String) row.get("cost"),
                (String) row.get("cpuCost"),
                (String) row.get("memoryCost"),
                (String) row.get("idleCost"),
                (String) row.get("failedCost"),
                (String) row.get("coreHours"),
                (String) row.get("memoryGbHours"),
                String.valueOf(row.get("runs")),
                row.get("efficiency") == null ? "" : (String) row.get("efficiency")));
      }
    }
    assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
    HttpResponse<String> anyAccept =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/api/v1/costs.csv" + query))
                .header("Authorization", "Bearer " + admin)
                .header("Accept", "application/json")
                .build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(anyAccept.statusCode()).isEqualTo(200);
    assertThat(anyAccept.body()).isEqualTo(csv.body());
    HttpResponse<String> bad = send("/api/v1/costs.csv?aggregate=nope", admin);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.headers().firstValue("content-type").orElse("")).startsWith("application/json");
  }

  @Test
  void badParametersAre400sNamingThem() throws Exception {
    Map<String, String> bad = new TreeMap<>();
    bad.put("window=", "window");
    bad.put("window=" + "7".repeat(3000) + "d", "window");
    bad.put("window=7d%3D1", "window");
    bad.put("window=%3D", "window");
    bad.put("window=7%C3%A9", "window");
    bad.put("window=0d", "window");
    bad.put("window=400d", "window");
    bad.put("window=2026-11-05T00:00:00Z,2026-11-02T00:00:00Z", "window");
    bad.put("window=2026-11-02,2026-11-03", "window");
    bad.put("window=2025-01-01T00:00:00Z,2026-11-03T00:00:00Z", "window");
    bad.put("aggregate=", "aggregate");
    bad.put("aggregate=namespace", "aggregate");
    bad.put("aggregate=dag,dag", "aggregate");
    bad.put("aggregate=dag,", "aggregate");
    bad.put("aggregate=d%C3%A4g", "aggregate");
    bad.put("step=0h", "step");
    bad.put("step=1m", "step");
    bad.put("step=1h&window=366d", "step");
    bad.put("idle=both", "idle");
    bad.put("idle=", "idle");
    bad.put("filter=team", "filter");
    bad.put("filter=colour:red", "filter");
    bad.put("filter=team:", "filter");
    bad.put("filter=team:r%20isk", "filter");
    bad.put("filter=try:1", "filter");
    bad.put("filter=" + "team:a,".repeat(60) + "team:b", "filter");
    bad.put("agregate=dag", "agregate");
    bad.put("window=7d&window=1d", "window");
    for (Map.Entry<String, String> parameter : bad.entrySet()) {
      HttpResponse<String> response = send("/api/v1/costs?" + parameter.getKey(), admin);
      String what =
          parameter.getKey().length() > 80
              ? parameter.getKey().substring(0, 80)
              : parameter.getKey();
      assertThat(response.statusCode()).as(what).isEqualTo(400);
      @SuppressWarnings("unchecked")
      Map<String, Object> error = json.readValue(response.body(), Map.class);
      assertThat(error.get("code")).as(what).isEqualTo("INVALID_PARAMETER");
      assertThat(error.get("details")).as(what).isEqualTo(List.of(parameter.getValue()));
    }
  }

  @Test
  void theOpenApiDocumentDescribesBothOperationsAndEveryParameter() throws Exception {
    HttpResponse<String> document =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/openapi/yardmaster-v1.yml")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(document.statusCode()).isEqualTo(200);
    assertThat(document.body())
        .contains("/api/v1/costs:", "/api/v1/costs.csv:", "text/csv", "CostAnswer", "CostRow");
    for (String parameter : List.of("window", "aggregate", "step", "idle", "filter")) {
      assertThat(document.body()).contains("name: " + parameter);
    }
  }

  @Test
  void theDashboardIsServedWithoutATokenAndOnlyItsOwnFiles() throws Exception {
    Map<String, Integer> paths = new TreeMap<>();
    paths.put("/", 200);
    paths.put("/dashboard/app.js", 200);
    paths.put("/dashboard/echarts.min.js", 200); // from npm, put in the jar by the build
    paths.put("/dashboard/nope.js", 404);
    paths.put("/dashboard/..%2Fdb%2Fmigration%2FV25__cost_allocation.sql", 404);
    paths.put("/dashboard/logback-test.xml", 404);
    for (Map.Entry<String, Integer> path : paths.entrySet()) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(server.url() + path.getKey())).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(path.getKey()).isEqualTo(path.getValue());
      if (path.getValue() == 404) {
        assertThat(response.headers().firstValue("content-type").orElse(""))
            .as(path.getKey())
            .startsWith("application/json");
        @SuppressWarnings("unchecked")
        Map<String, Object> error = json.readValue(response.body(), Map.class);
        assertThat(error.get("code")).as(path.getKey()).isEqualTo("NOT_FOUND");
      }
    }
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(page.headers().firstValue("content-type").orElse("")).startsWith("text/html");
    assertThat(page.body()).contains("Yardmaster costs", "/dashboard/echarts.min.js");
  }

  // --- the reference sums, from the rows written ---

  private List<AllocationRow> inWindow() {
    long from = START.toEpochMilli();
    long to = START.plus(Duration.ofHours(72)).toEpochMilli();
    return rows.stream().filter(r -> r.hourStart() >= from && r.hourStart() < to).toList();
  }

  private List<AllocationRow> apps(Predicate<AllocationRow> keep) {
    return inWindow().stream().filter(AllocationRow::app).filter(keep).toList();
  }

  private List<AllocationRow> idleRows() {
    return inWindow().stream().filter(r -> !r.app()).toList();
  }

  private Map<String, Long> byLabel(
      Function<AllocationRow, String> label, Function<AllocationRow, Long> amount) {
    return byLabel(label, amount, r -> true);
  }

  private Map<String, Long> byLabel(
      Function<AllocationRow, String> label,
      Function<AllocationRow, Long> amount,
      Predicate<AllocationRow> keep) {
    Map<String, Long> sums = new HashMap<>();
    for (AllocationRow row : apps(keep)) {
      String name = label.apply(row);
      sums.merge(name.isEmpty() ? "__unallocated__" : name, amount.apply(row), Long::sum);
    }
    return sums;
  }

  private static long sum(List<AllocationRow> rows, Function<AllocationRow, Long> amount) {
    return rows.stream().mapToLong(amount::apply).sum();
  }

  private static long runs(List<AllocationRow> rows) {
    Set<String> runs = new HashSet<>();
    rows.stream()
        .filter(r -> r.app() && !r.run().isEmpty())
        .forEach(r -> runs.add(r.dag() + "/" + r.run()));
    return runs.size();
  }

  // --- HTTP ---

  /** name → costMicros of the one set of a query over the window. */
  private Map<String, Long> costs(String query) throws Exception {
    return costs(query, admin);
  }

  private Map<String, Long> costs(String query, String token) throws Exception {
    Map<String, Long> costs = new HashMap<>();
    for (Map<String, Object> row :
        rows(only(sets(get("/api/v1/costs?window=" + WINDOW + "&" + query, token))))) {
      costs.put((String) row.get("name"), micros(row, "costMicros"));
    }
    return costs;
  }

  private Map<String, Object> row(String query, String name) throws Exception {
    return rows(only(sets(get("/api/v1/costs?window=" + WINDOW + "&" + query)))).stream()
        .filter(r -> r.get("name").equals(name))
        .findFirst()
        .orElseThrow();
  }

  private Map<String, Object> get(String path) throws Exception {
    return get(path, admin);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> get(String path, String token) throws Exception {
    HttpResponse<String> response = send(path, token);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return json.readValue(response.body(), Map.class);
  }

  private HttpResponse<String> send(String path, String token)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .header("Authorization", "Bearer " + token)
            .build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> sets(Map<String, Object> answer) {
    return (List<Map<String, Object>>) answer.get("sets");
  }

  private static Map<String, Object> only(List<Map<String, Object>> sets) {
    assertThat(sets).hasSize(1);
    return sets.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> rows(Map<String, Object> set) {
    return (List<Map<String, Object>>) set.get("rows");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> totals(Map<String, Object> holder) {
    return (Map<String, Object>) holder.get("totals");
  }

  private static long micros(Map<String, Object> holder, String key) {
    return ((Number) holder.get(key)).longValue();
  }

  /** "12.345678" as micro-dollars, exactly. */
  private static long dollars(Object text) {
    return new BigDecimal((String) text).movePointRight(6).longValueExact();
  }
}
