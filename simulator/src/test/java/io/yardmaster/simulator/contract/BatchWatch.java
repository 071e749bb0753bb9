package io.yardmaster.simulator.contract;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Follows one Livy batch from its submission, recording each state it is seen in (consecutive
 * repeats folded), so a test can check the order of the progression after the fact.
 */
final class BatchWatch {
  static final Set<String> TERMINAL = Set.of("success", "dead", "killed", "error");

  private final JsonHttp http;
  private final URI batch;
  private final int id;
  private final List<String> states = new ArrayList<>();
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "livy-batch-watch");
            thread.setDaemon(true);
            return thread;
          });

  private BatchWatch(JsonHttp http, URI batches, int id) {
    this.http = http;
    this.batch = URI.create(batches + "/" + id);
    this.id = id;
  }

  static BatchWatch start(JsonHttp http, URI batches, int id) {
    BatchWatch watch = new BatchWatch(http, batches, id);
    watch.poller.scheduleWithFixedDelay(watch::poll, 0, 300, TimeUnit.MILLISECONDS);
    return watch;
  }

  int id() {
    return id;
  }

  /** Waits for a terminal state; returns every state seen, in order. */
  List<String> awaitTerminal(Duration timeout) {
    await("batch " + id + " in a terminal state, seen " + seen())
        .atMost(timeout)
        .until(() -> !seen().isEmpty() && TERMINAL.contains(seen().get(seen().size() - 1)));
    poller.shutdownNow();
    return seen();
  }

  /** Waits until the batch names its YARN application; returns the id. */
  String awaitAppId(Duration timeout) {
    return await("batch " + id + " with an appId")
        .atMost(timeout)
        .until(
            () -> {
              JsonNode appId = http.get(batch).json().get("appId");
              return appId == null || appId.isNull() ? null : appId.asText();
            },
            appId -> appId != null);
  }

  synchronized List<String> seen() {
    return List.copyOf(states);
  }

  private void poll() {
    JsonHttp.Reply reply = http.get(URI.create(batch + "/state"));
    if (reply.status() != 200) {
      poller.shutdown();
      return;
    }
    String state = reply.json().get("state").asText();
    synchronized (this) {
      if (states.isEmpty() || !states.get(states.size() - 1).equals(state)) {
        states.add(state);
      }
    }
    if (TERMINAL.contains(state)) {
      poller.shutdown();
    }
  }
}
