package io.yardmaster.app.testing;

import static java.util.Objects.requireNonNull;
import static org.awaitility.Awaitility.await;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientException;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Airflow in miniature: a scheduler releases jobs at a steady rate, client threads submit them
 * ({@code POST /api/v1/jobs}, each with its own Idempotency-Key) and retry every submission that
 * got no 2xx answer (connection refused or reset, a 5xx) with the same key and body until one
 * comes, as Airflow retries a task whose worker never heard back.
 */
public final class SubmissionStorm implements AutoCloseable {
  private static final Duration RETRY_EVERY = Duration.ofMillis(100);
  private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
  private static final Duration RELEASE_EVERY = Duration.ofMillis(100);
  private static final int NO_MORE_JOBS = -1;

  private final HttpClient client;
  private final String token;
  private final IntFunction<Map<String, Object>> body;
  private final BlockingQueue<Integer> released = new LinkedBlockingQueue<>();
  private final Map<String, String> jobIdByKey = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger unanswered = new AtomicInteger();
  private final AtomicInteger ceiling;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService threads;
  private final List<Future<?>> workers = new ArrayList<>();

  private SubmissionStorm(
      URL url,
      String token,
      int jobs,
      int perSecond,
      int clients,
      IntFunction<Map<String, Object>> body) {
    this.client = HttpClient.create(url);
    this.token = requireNonNull(token, "token is null");
    this.body = requireNonNull(body, "body is null");
    this.ceiling = new AtomicInteger(jobs);
    int perRelease = Math.max(1, perSecond * (int) RELEASE_EVERY.toMillis() / 1000);
    AtomicInteger next = new AtomicInteger();
    scheduler.scheduleAtFixedRate(
        () -> {
          for (int i = 0; i < perRelease && next.get() < Math.min(jobs, ceiling.get()); i++) {
            released.add(next.getAndIncrement());
          }
          if (next.get() == jobs) {
            for (int i = 0; i < clients; i++) {
              released.add(NO_MORE_JOBS);
            }
            scheduler.shutdown();
          }
        },
        0,
        RELEASE_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    this.threads = Executors.newFixedThreadPool(clients);
    for (int i = 0; i < clients; i++) {
      workers.add(
          threads.submit(
              () -> {
                work();
                return null;
              }));
    }
  }

  /**
   * Starts releasing jobs 0 to {@code jobs - 1}, {@code perSecond} a second, to {@code clients}
   * threads that submit them to {@code url}.
   */
  public static SubmissionStorm start(
      URI url,
      String token,
      int jobs,
      int perSecond,
      int clients,
      IntFunction<Map<String, Object>> body)
      throws MalformedURLException {
    return new SubmissionStorm(url.toURL(), token, jobs, perSecond, clients, body);
  }

  /**
   * Releases no job numbered {@code ceiling} or above until raised again: a test that must act
   * while submissions still arrive holds the rest back, however fast the application answers.
   */
  public void releaseUpTo(int ceiling) {
    this.ceiling.set(ceiling);
  }

  public static String key(int job) {
    return "storm-" + job;
  }

  /** Submissions answered 2xx so far. */
  public int accepted() {
    return jobIdByKey.size();
  }

  /** Attempts that got no 2xx answer and were retried. */
  public int unanswered() {
    return unanswered.get();
  }

  /** The job id each key's 2xx answer named. */
  public Map<String, String> jobIdsByKey() {
    return Map.copyOf(jobIdByKey);
  }

  /** Answers no client should ever get: a 4xx, or a key answered with two different jobs. */
  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Waits until every submission got its 2xx answer (or a 4xx, see {@link #problems()}). */
  public void awaitEnd(Duration atMost) {
    await("every submission answered 2xx")
        .atMost(atMost)
        .until(() -> workers.stream().allMatch(Future::isDone));
    for (Future<?> worker : workers) {
      try {
        worker.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      } catch (ExecutionException e) {
        throw new AssertionError("a storm client failed", e.getCause());
      }
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    threads.shutdownNow();
    client.close();
  }

  private void work() throws InterruptedException {
    for (int job = released.take(); job != NO_MORE_JOBS; job = released.take()) {
      int current = job;
      await("a 2xx answer for " + key(current))
          .atMost(GIVE_UP_AFTER)
          .pollInSameThread()
          .pollDelay(Duration.ZERO)
          .pollInterval(RETRY_EVERY)
          .until(() -> submitted(current));
    }
  }

  /** One attempt: true when the submission got its final answer, false to retry it. */
  private boolean submitted(int job) {
    String key = key(job);
    try {
      HttpResponse<Map<String, Object>> response =
          client
              .toBlocking()
              .exchange(
                  HttpRequest.POST("/api/v1/jobs", body.apply(job))
                      .bearerAuth(token)
                      .header("Idempotency-Key", key),
                  Argument.mapOf(String.class, Object.class));
      String id = (String) response.body().get("id");
      String earlier = jobIdByKey.putIfAbsent(key, id);
      if (earlier != null && !earlier.equals(id)) {
        problems.add(key + " was answered with job " + earlier + " and then with job " + id);
      }
      return true;
    } catch (HttpClientResponseException e) {
      if (e.getStatus().getCode() >= 500) {
        unanswered.incrementAndGet();
        return false;
      }
      problems.add(key + " was refused: " + e.getStatus() + " " + e.getMessage());
      return true;
    } catch (HttpClientException e) {
      // refused, reset or timed out: the application is down or went down under this request
      unanswered.incrementAndGet();
      return false;
    }
  }
}
