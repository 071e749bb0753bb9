package io.yardmaster.bench.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Submits jobs {@code from} (inclusive) to {@code to} (exclusive) through {@code POST
 * /api/v1/jobs}, each with its Idempotency-Key, from concurrent clients; returns the new jobs' ids
 * and the rate of every consecutive {@value #BATCH} answers.
 */
final class SubmissionLoad {
  static final int BATCH = 500;

  /** The submitted jobs' ids (by index) and the rate of each batch of answers, per second. */
  record Result(List<String> ids, List<Double> batchRates, double overallRate, Latencies latency) {}

  private SubmissionLoad() {}

  static Result submit(String host, int port, String token, int from, int to, int clients)
      throws InterruptedException, ExecutionException {
    String[] ids = new String[to - from];
    long[] answeredAt = new long[to - from];
    AtomicInteger next = new AtomicInteger(from);
    AtomicInteger answered = new AtomicInteger();
    List<Latencies> perClient = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long start = System.nanoTime();
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        Latencies latencies = new Latencies();
        perClient.add(latencies);
        running.add(
            pool.submit(
                () -> {
                  try (HttpConnection connection = new HttpConnection(host, port)) {
                    for (int i = next.getAndIncrement(); i < to; i = next.getAndIncrement()) {
                      long before = System.nanoTime();
                      HttpConnection.Response response =
                          connection.post(
                              "/api/v1/jobs",
                              Map.of(
                                  "Authorization",
                                  "Bearer " + token,
                                  "Idempotency-Key",
                                  YardmasterCalls.idempotencyKey(i)),
                              YardmasterCalls.jobBody(i));
                      long after = System.nanoTime();
                      latencies.add(after - before);
                      ids[i - from] = YardmasterCalls.jobId(response);
                      answeredAt[answered.getAndIncrement()] = after;
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> client : running) {
        client.get();
      }
    } finally {
      pool.shutdownNow();
    }
    long end = System.nanoTime();
    long[] times = Arrays.copyOf(answeredAt, answered.get());
    Arrays.sort(times);
    List<Double> rates = new ArrayList<>();
    long batchStart = start;
    for (int i = BATCH - 1; i < times.length; i += BATCH) {
      rates.add(BATCH / ((times[i] - batchStart) / 1e9));
      batchStart = times[i];
    }
    return new Result(
        List.of(ids), rates, (to - from) / ((end - start) / 1e9), Latencies.merge(perClient));
  }
}
