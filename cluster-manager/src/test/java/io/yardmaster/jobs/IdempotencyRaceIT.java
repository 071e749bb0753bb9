package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.jobs.api.JobLabels;
import io.yardmaster.jobs.api.JobRequest;
import io.yardmaster.jobs.api.JobTarget;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.jobs.store.JobFilter;
import io.yardmaster.testing.Databases;
import io.yardmaster.testing.TestTokens;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.auth.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two application instances on one database race the same idempotency keys: each key makes exactly
 * one job, and both instances answer with it.
 */
class IdempotencyRaceIT {
  static final int KEYS = 40;
  static final int THREADS_PER_INSTANCE = 4;

  static Iterable<Map<String, Object>> databases() {
    return Databases.all();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void twoInstancesRacingTheSameKeysMakeOneJobEach(Map<String, Object> database) throws Exception {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put("yardmaster.roles.api", "false");
    properties.put("yardmaster.auth.bootstrap-admin-token", "false");
    try (ApplicationContext first = ApplicationContext.run(properties, "test");
        ApplicationContext second = ApplicationContext.run(properties, "test")) {
      TestTokens.team(first, "race");
      Caller caller = new Caller("token-id", Role.TEAM, "race");
      List<JobService> instances =
          List.of(first.getBean(JobService.class), second.getBean(JobService.class));
      JobRequest request =
          new JobRequest(
              new SparkBatch(
                  "local:/x.jar",
                  "Main",
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  null,
                  "2g",
                  1,
                  2,
                  null,
                  null,
                  null),
              new JobTarget("alpha", null, null, null),
              new JobLabels("dag", "task", "run", -1, 1));

      Map<String, Set<String>> idsByKey = new ConcurrentHashMap<>();
      CountDownLatch go = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2 * THREADS_PER_INSTANCE);
      List<Future<Integer>> results = new ArrayList<>();
      for (JobService service : instances) {
        for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
          Callable<Integer> racer =
              () -> {
                go.await();
                int created = 0;
                for (int k = 0; k < KEYS; k++) {
                  JobService.Submitted submitted = service.submit(caller, "key-" + k, request);
                  idsByKey
                      .computeIfAbsent("key-" + k, key -> ConcurrentHashMap.newKeySet())
                      .add(submitted.job().id());
                  created += submitted.created() ? 1 : 0;
                }
                return created;
              };
          results.add(pool.submit(racer));
        }
      }
      go.countDown();
      int created = 0;
      for (Future<Integer> result : results) {
        created += result.get();
      }
      pool.shutdown();

      assertThat(created).isEqualTo(KEYS);
      assertThat(idsByKey).hasSize(KEYS).allSatisfy((key, ids) -> assertThat(ids).hasSize(1));
      JdbcJobStore store = second.getBean(JdbcJobStore.class);
      assertThat(
              store.list(
                  new JobFilter(null, null, "race", null, null, null, null, null, null, null),
                  0,
                  1000))
          .hasSize(KEYS);
    }
  }
}
