package io.yardmaster.app.replicas;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Steady load as Airflow workers make it: each client thread submits a short job under a new
 * Idempotency-Key, reads it back, and now and then submits an earlier key again (a retried task),
 * which must answer the same job. A client operation retries a refused connection or a 5xx with the
 * same key for up to {@link #GIVE_UP_AFTER}, as the provider does; a 4xx, a changed job id or
 * running out of retries is a failure. Each operation's latency, retries included, is recorded
 * under the phase it started in.
 */
final class SubmitAndPoll {
  static final JsonMapper JSON = JsonMapper.createDefault();
  private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(60);
  private static final Duration BACKOFF = Duration.ofMillis(200);
  private static final Duration PAUSE = Duration.ofMillis(150);

  private final URI api;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Map<String, String> jobs = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile String phase = "steady";
  private volatile boolean running = true;

  private SubmitAndPoll(URI api, String token) {
    this.api = api;
    this.token = token;
  }

  static SubmitAndPoll start(URI api, String token, int clients) {
    SubmitAndPoll load = new SubmitAndPoll(api, token);
    for (int i = 0; i < clients; i++) {
      String client = "client-" + i;
      Thread thread = new Thread(() -> load.run(client), "load-" + client);
      load.threads.add(thread);
      thread.start();
    }
    return load;
  }

  /** Operations from now on are counted under {@code name}. */
  void phase(String name) {
    phase = name;
  }

  Outcome stop() throws InterruptedException {
    running = false;
    for (Thread thread : threads) {
      thread.join(GIVE_UP_AFTER.multipliedBy(2).toMillis());
    }
    Map<String, List<Long>> sorted = new TreeMap<>();
    latencies.forEach(
        (name, list) -> {
          List<Long> copy = new ArrayList<>(list);
          Collections.sort(copy);
          sorted.put(name, copy);
        });
    return new Outcome(Map.copyOf(jobs), List.copyOf(failures), sorted);
  }

  private void run(String client) {
    List<String> mine = new ArrayList<>();
    for (int n = 0; running; n++) {
      try {
        String key = client + "-" + n;
        String id = submit(key);
        if (id == null) {
          continue;
        }
        jobs.put(key, id);
        mine.add(key);
        call("GET", "/api/v1/jobs/" + id, null);
        if (n % 5 == 4) {
          String earlier = mine.get(n % mine.size());
          String again = submit(earlier);
          if (again != null && !again.equals(jobs.get(earlier))) {
            failures.add(earlier + " answered job " + again + ", first " + jobs.get(earlier));
          }
        }
        Thread.sleep(PAUSE.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        failures.add(client + ": " + e);
      }
    }
  }

  /** A SparkPi job that runs {@code duration} on the simulated fleet, as the API's JSON body. */
  static String simulatedJob(String duration) {
    return "{\"batch\":{\"file\":\"local:/opt/spark/examples/jars/spark-examples.jar\","
        + "\"className\":\"org.apache.spark.examples.SparkPi\",\"numExecutors\":1,"
        + "\"conf\":{\"spark.yardmaster.sim.duration\":\""
        + duration
        + "\"}}}";
  }

  /** The job id {@code key} answers, or null after recording a failure. */
  private String submit(String key) throws InterruptedException {
    String body = SubmitAndPoll.simulatedJob("1s");
    Map<String, Object> job = call("POST", "/api/v1/jobs", body, "Idempotency-Key", key);
    return job == null ? null : (String) job.get("id");
  }

  /** One client operation with its retries; null after recording a failure. */
  private Map<String, Object> call(String method, String path, String body, String... headers)
      throws InterruptedException {
    String startedIn = phase;
    long start = System.nanoTime();
    long deadline = start + GIVE_UP_AFTER.toNanos();
    String last = "no attempt";
    while (System.nanoTime() < deadline) {
      HttpRequest.Builder request =
          request(api, path, token)
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      for (int i = 0; i < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      try {
        HttpResponse<String> answer =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        int status = answer.statusCode();
        if (status >= 200 && status < 300) {
          latencies
              .computeIfAbsent(startedIn, name -> new CopyOnWriteArrayList<>())
              .add((System.nanoTime() - start) / 1_000_000);
          return JSON.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
        }
        last = status + " " + answer.body();
        if (status < 500) {
          break;
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(BACKOFF.toMillis());
    }
    failures.add(method + " " + path + " " + String.join(" ", headers) + ": " + last);
    return null;
  }

  /** A GET outside the load, for the test's own checks; fails the test on any error. */
  static Map<String, Object> getJson(URI api, String path, String token) throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(request(api, path, token).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() / 100 != 2) {
      throw new IllegalStateException(path + " answered " + answer.statusCode() + answer.body());
    }
    return JSON.readValue(answer.body(), Argument.mapOf(String.class, Object.class));
  }

  static HttpRequest.Builder request(URI api, String path, String token) {
    return HttpRequest.newBuilder(api.resolve(path))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json");
  }

  /**
   * What the load did: the job id each key answered, the failures, and the latencies in
   * milliseconds (sorted) per phase.
   */
  record Outcome(
      Map<String, String> jobs, List<String> failures, Map<String, List<Long>> latencies) {
    String figures() {
      StringBuilder text =
          new StringBuilder("phase: client operations, p50 / p99 / max ms (retries included)\n");
      latencies.forEach(
          (name, sorted) ->
              text.append(
                  String.format(
                      "%s: %d, %d / %d / %d%n",
                      name,
                      sorted.size(),
                      percentile(sorted, 0.50),
                      percentile(sorted, 0.99),
                      sorted.get(sorted.size() - 1))));
      return text.append(jobs.size())
          .append(" jobs, ")
          .append(failures.size())
          .append(" failed")
          .toString();
    }

    private static long percentile(List<Long> sorted, double p) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
  }
}
