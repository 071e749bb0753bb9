package io.yardmaster.jobs.tracking;

import io.micronaut.scheduling.annotation.Scheduled;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.store.JdbcJobStore;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Lets a status poll wait ({@code ?wait=}) until its job changes: woken at once by changes made in
 * this replica, and within a second by changes another replica made (re-read from the database).
 */
@Singleton
public final class JobWatcher {
  private final JdbcJobStore store;
  private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();

  public JobWatcher(JdbcJobStore store) {
    this.store = store;
    store.onChange(this::changed);
  }

  /** Completes with the job once its version is past {@code version}. */
  public CompletableFuture<Job> next(String id, long version) {
    Waiter waiter = new Waiter(version, new CompletableFuture<>());
    waiters.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(waiter);
    waiter.future().whenComplete((job, error) -> remove(id, waiter));
    return waiter.future();
  }

  @Scheduled(fixedDelay = "1s")
  void rereadWatched() {
    for (String id : List.copyOf(waiters.keySet())) {
      store.find(id).ifPresent(this::changed);
    }
  }

  private void changed(Job job) {
    List<Waiter> list = waiters.get(job.id());
    if (list == null) {
      return;
    }
    for (Waiter waiter : list) {
      if (job.progress().version() > waiter.version()) {
        waiter.future().complete(job);
      }
    }
  }

  private void remove(String id, Waiter waiter) {
    waiters.computeIfPresent(
        id,
        (key, list) -> {
          list.remove(waiter);
          return list.isEmpty() ? null : list;
        });
  }

  private record Waiter(long version, CompletableFuture<Job> future) {}
}
