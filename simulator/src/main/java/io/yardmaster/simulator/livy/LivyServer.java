package io.yardmaster.simulator.livy;

import static java.util.Objects.requireNonNull;

import io.yardmaster.simulator.model.Fleet;
import io.yardmaster.simulator.model.SimulatedApplication;
import io.yardmaster.simulator.model.SimulatedCluster;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * A simulated Livy 0.7 server in front of one simulated cluster (no recovery): batch ids from 0,
 * spark-submit takes a configured simulated time, at most {@value #MAX_CREATION} spark-submits at
 * once, finished batches forgotten after {@value #RETAIN_MILLIS} ms, a restart forgets everything
 * and starts ids at 0 again (the YARN apps keep running).
 */
public final class LivyServer {
  /** {@code livy.server.session.max-creation}. */
  public static final int MAX_CREATION = 100;

  /** {@code livy.server.session.state-retain.sec} (600 s). */
  public static final long RETAIN_MILLIS = 600_000;

  private static final String ALPHANUMERIC =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  private final Fleet fleet;
  private final SimulatedCluster cluster;
  private final String resourceManagerUrl;
  private final long sparkSubmitMillis;
  private final Random random;
  private final Map<Integer, LivyBatch> batches = new LinkedHashMap<>();
  private final Map<String, LivyBatch> byApplication = new HashMap<>();
  private final List<Created> created = new ArrayList<>();
  private int nextId;

  public LivyServer(
      Fleet fleet,
      SimulatedCluster cluster,
      String resourceManagerUrl,
      Duration sparkSubmitTime,
      long seed) {
    this.fleet = requireNonNull(fleet, "fleet is null");
    this.cluster = requireNonNull(cluster, "cluster is null");
    this.resourceManagerUrl = requireNonNull(resourceManagerUrl, "resourceManagerUrl is null");
    this.sparkSubmitMillis = sparkSubmitTime.toMillis();
    this.random = new Random(seed);
    cluster.onFinish(this::finished);
  }

  LivyViews.Batch create(LivyBatchRequest request, String owner) {
    return fleet.locked(
        () -> {
          purge();
          long submitting =
              batches.values().stream().filter(batch -> batch.submission != null).count();
          if (submitting >= MAX_CREATION) {
            throw new LivyBadRequestException("Rejected, too many sessions are being created!");
          }
          if (request.file() == null) {
            throw new LivyBadRequestException("requirement failed: File is required.");
          }
          int id = nextId++;
          StringBuilder suffix = new StringBuilder();
          for (int i = 0; i < 8; i++) {
            suffix.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
          }
          String tag = "livy-batch-" + id + "-" + suffix;
          String user = request.proxyUser() != null ? request.proxyUser() : "livy";
          long now = fleet.simulation().now();
          LivyBatch batch =
              new LivyBatch(
                  id,
                  request.name(),
                  owner,
                  request.proxyUser(),
                  tag,
                  SparkSubmitSizing.spec(request, user, tag),
                  now + sparkSubmitMillis);
          batch.submitLog.add(
              stamp(now)
                  + " INFO Client: Requesting a new application from cluster with "
                  + cluster.metrics().activeNodes()
                  + " NodeManagers");
          batch.submission =
              fleet.simulation().schedule(batch.submitDoneMillis, () -> submitted(batch));
          batches.put(id, batch);
          created.add(new Created(id, request.name(), request.proxyUser(), request.conf()));
          return view(batch);
        });
  }

  private void submitted(LivyBatch batch) {
    batch.submission = null;
    SimulatedApplication application = cluster.submit(batch.spec);
    batch.appId = application.id();
    byApplication.put(application.id(), batch);
    long now = fleet.simulation().now();
    batch.submitLog.add(
        stamp(now)
            + " INFO Client: Submitting application "
            + application.id()
            + " to ResourceManager");
    batch.submitLog.add(
        stamp(now) + " INFO YarnClientImpl: Submitted application " + application.id());
  }

  private void finished(SimulatedApplication application) {
    LivyBatch batch = byApplication.remove(application.id());
    if (batch == null) {
      return;
    }
    batch.state = LivyState.of(application.state(), application.finalStatus());
    batch.diagnostics = application.diagnostics();
    batch.finishedMillis = application.finishedMillis();
  }

  LivyViews.Batches list(int from, int size) {
    return fleet.locked(
        () -> {
          purge();
          List<LivyBatch> all = new ArrayList<>(batches.values());
          List<LivyViews.Batch> page = new ArrayList<>();
          for (int i = Math.max(0, from); i < Math.min(all.size(), from + size); i++) {
            page.add(view(all.get(i)));
          }
          return new LivyViews.Batches(from, all.size(), page);
        });
  }

  Optional<LivyViews.Batch> get(int id) {
    return fleet.locked(() -> find(id).map(this::view));
  }

  Optional<LivyViews.State> state(int id) {
    return fleet.locked(
        () -> find(id).map(batch -> new LivyViews.State(id, refresh(batch).wireName())));
  }

  Optional<LivyViews.Log> log(int id, Integer from, Integer size) {
    return fleet.locked(
        () ->
            find(id)
                .map(
                    batch -> {
                      refresh(batch);
                      List<String> lines = batch.log();
                      int count = size == null ? 100 : size < 0 ? lines.size() : size;
                      int start =
                          from == null || from < 0 ? Math.max(0, lines.size() - count) : from;
                      int end = Math.min(lines.size(), start + count);
                      List<String> page =
                          start >= end ? List.of() : List.copyOf(lines.subList(start, end));
                      return new LivyViews.Log(id, start, lines.size(), page);
                    }));
  }

  /** Kills the batch's application (if any) and forgets the batch. */
  boolean delete(int id) {
    return fleet.locked(
        () -> {
          Optional<LivyBatch> batch = find(id);
          batch.ifPresent(
              found -> {
                if (found.submission != null) {
                  found.submission.cancel();
                }
                if (found.appId != null) {
                  byApplication.remove(found.appId);
                  cluster.kill(found.appId);
                }
                batches.remove(id);
              });
          return batch.isPresent();
        });
  }

  /**
   * A batch this server created, with the Spark conf its spark-submit was handed (what the app's
   * Spark UI shows under Environment; Livy's own API does not return it).
   */
  public record Created(int id, String name, String proxyUser, Map<String, String> conf) {
    public Created {
      conf = Map.copyOf(conf);
    }
  }

  /** Every batch created since the emulator started, across restarts, oldest first. */
  public List<Created> created() {
    return fleet.locked(() -> List.copyOf(created));
  }

  /** A Livy restart without recovery: every batch forgotten, ids from 0 again. */
  public void restart() {
    fleet.locked(
        () -> {
          batches.clear();
          byApplication.clear();
          nextId = 0;
          return null;
        });
  }

  private Optional<LivyBatch> find(int id) {
    purge();
    return Optional.ofNullable(batches.get(id));
  }

  private void purge() {
    long now = fleet.simulation().now();
    batches
        .values()
        .removeIf(
            batch -> batch.finishedMillis >= 0 && now - batch.finishedMillis >= RETAIN_MILLIS);
  }

  private LivyState refresh(LivyBatch batch) {
    if (batch.appId != null && !batch.state.terminal()) {
      cluster
          .application(batch.appId)
          .ifPresent(
              application -> {
                batch.state = LivyState.of(application.state(), application.finalStatus());
                if (application.launchedMillis() >= 0 && batch.sparkUiUrl == null) {
                  batch.sparkUiUrl = resourceManagerUrl + "/proxy/" + application.id() + "/";
                  batch.driverLogUrl =
                      application.containers().isEmpty()
                          ? null
                          : "http://"
                              + application.containers().get(0).node().hostName()
                              + ":8042/node/containerlogs/"
                              + application.containers().get(0).id()
                              + "/"
                              + application.spec().user();
                }
              });
    }
    return batch.state;
  }

  private LivyViews.Batch view(LivyBatch batch) {
    LivyState state = refresh(batch);
    List<String> lines = batch.log();
    List<String> tail = List.copyOf(lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    return new LivyViews.Batch(
        batch.id,
        batch.name,
        batch.owner,
        batch.proxyUser,
        state.wireName(),
        batch.appId,
        new LivyViews.AppInfo(batch.driverLogUrl, batch.sparkUiUrl),
        tail);
  }

  private static String stamp(long millis) {
    return Instant.ofEpochMilli(millis).toString();
  }
}
