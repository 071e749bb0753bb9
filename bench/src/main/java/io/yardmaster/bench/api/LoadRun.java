package io.yardmaster.bench.api;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

/**
 * A closed-loop load: {@code connections} threads, each on its own keep-alive connection, send the
 * next request as soon as the last one is answered, for a warm-up and then a measured window. The
 * loop stops by itself at the window's end (or after {@link #MAX_REQUESTS} requests).
 */
final class LoadRun {
  static final long MAX_REQUESTS = 50_000_000L;

  /** One request on a thread's connection with the thread's random source. */
  @FunctionalInterface
  interface Call {
    HttpConnection.Response send(HttpConnection connection, SplittableRandom random)
        throws IOException;
  }

  /** What a measured window gave: throughput, latency quantiles (ms), answers by status. */
  record Result(
      int connections,
      long requests,
      double perSecond,
      double p50,
      double p90,
      double p99,
      double p999,
      double max,
      Map<Integer, Long> statuses,
      long errors) {}

  private LoadRun() {}

  static Result run(
      String host, int port, int connections, Duration warmUp, Duration window, Call call)
      throws InterruptedException {
    long start = System.nanoTime() + 200_000_000L;
    long measureFrom = start + warmUp.toNanos();
    long end = measureFrom + window.toNanos();
    List<Latencies> perThread = new ArrayList<>();
    Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
    LongAdder errors = new LongAdder();
    LongAdder sent = new LongAdder();
    CountDownLatch done = new CountDownLatch(connections);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < connections; i++) {
      Latencies latencies = new Latencies();
      perThread.add(latencies);
      SplittableRandom random = new SplittableRandom(42L + i);
      Thread thread =
          new Thread(
              () -> {
                try (HttpConnection connection = new HttpConnection(host, port)) {
                  waitUntil(start);
                  while (sent.sum() < MAX_REQUESTS) {
                    long before = System.nanoTime();
                    if (before >= end) {
                      break;
                    }
                    sent.increment();
                    try {
                      HttpConnection.Response response = call.send(connection, random);
                      long after = System.nanoTime();
                      if (before >= measureFrom && after <= end) {
                        latencies.add(after - before);
                        statuses
                            .computeIfAbsent(response.status(), status -> new LongAdder())
                            .increment();
                      }
                    } catch (IOException e) {
                      errors.increment();
                      connection.close();
                    }
                  }
                } finally {
                  done.countDown();
                }
              },
              "load-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    done.await();
    Latencies all = Latencies.merge(perThread);
    Map<Integer, Long> byStatus = new TreeMap<>();
    statuses.forEach((status, count) -> byStatus.put(status, count.sum()));
    double seconds = window.toNanos() / 1e9;
    return new Result(
        connections,
        all.count(),
        all.count() / seconds,
        all.quantileMillis(0.50),
        all.quantileMillis(0.90),
        all.quantileMillis(0.99),
        all.quantileMillis(0.999),
        all.quantileMillis(1.0),
        byStatus,
        errors.sum());
  }

  private static void waitUntil(long nanoTime) {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(left);
    }
  }
}
