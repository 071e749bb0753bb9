package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A hand-written stand-in for one cluster's Livy and ResourceManager at the network edge (served by
 * {@link FakeLivyController} and {@link FakeResourceManagerController}). YARN's apps outlive Livy's
 * batches, as they do for real: {@link #restartLivy()} forgets every batch and starts ids at 0
 * again.
 */
@Singleton
@Requires(property = FakePeers.ENABLED, value = "true")
public final class FakePeers {
  public static final String ENABLED = "yardmaster.test.fake-peers";

  /** How the next POST /batches behaves. */
  public enum SubmitMode {
    NORMAL,
    /** Livy's 400 "Rejected, too many sessions are being created!". */
    BUSY,
    /** Creates the batch, then answers 500: the caller cannot know it worked. */
    CREATE_THEN_FAIL,
    /** Answers 500 without creating anything. */
    FAIL_WITHOUT_CREATE
  }

  /** A Livy batch. */
  public static final class Batch {
    public final int id;
    public final String name;
    public final String proxyUser;
    public final Map<String, Object> body;
    public final String appId;
    public volatile String state = "starting";

    Batch(int id, String name, String proxyUser, Map<String, Object> body, String appId) {
      this.id = id;
      this.name = name;
      this.proxyUser = proxyUser;
      this.body = body;
      this.appId = appId;
    }
  }

  /** A YARN application. */
  public static final class App {
    public final String id;
    public final List<String> tags;
    public volatile String state = "ACCEPTED";
    public volatile String finalStatus = "UNDEFINED";
    public volatile String diagnostics = "";

    App(String id, List<String> tags) {
      this.id = id;
      this.tags = List.copyOf(tags);
    }
  }

  private final Map<Integer, Batch> batches = new LinkedHashMap<>();
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final List<Batch> created = new ArrayList<>();
  private int nextBatchId;
  private int nextAppId = 1;
  private SubmitMode mode = SubmitMode.NORMAL;
  private final Map<String, SubmitMode> clusterModes = new HashMap<>();
  private final Map<String, long[]> usage = new HashMap<>();
  private int listCalls;

  public synchronized void mode(SubmitMode next) {
    mode = next;
  }

  /** How one cluster's Livy answers submissions, whatever the others do. */
  public synchronized void mode(String cluster, SubmitMode next) {
    clusterModes.put(cluster, next);
  }

  synchronized SubmitMode mode(String cluster) {
    return clusterModes.getOrDefault(cluster, mode);
  }

  /** What one cluster's ResourceManager reports in use, of its total memory and vcores. */
  public synchronized void usage(String cluster, long usedMb, long totalMb) {
    usage.put(cluster, new long[] {usedMb, totalMb});
  }

  synchronized Optional<long[]> usage(String cluster) {
    return Optional.ofNullable(usage.get(cluster));
  }

  /** Creates a batch and its app, as Livy and YARN would. */
  @SuppressWarnings("unchecked")
  synchronized Batch create(Map<String, Object> body) {
    String name = (String) body.get("name");
    Map<String, Object> conf = (Map<String, Object>) body.getOrDefault("conf", Map.of());
    List<String> tags = new ArrayList<>();
    Object userTags = conf.get("spark.yarn.tags");
    if (userTags != null) {
      tags.addAll(Arrays.asList(userTags.toString().split(",")));
    }
    int id = nextBatchId++;
    tags.add("livy-batch-" + id + "-abcd");
    App app = new App(String.format("application_1700000000000_%04d", nextAppId++), tags);
    apps.put(app.id, app);
    Batch batch = new Batch(id, name, (String) body.get("proxyUser"), body, app.id);
    batches.put(id, batch);
    created.add(batch);
    return batch;
  }

  synchronized boolean nameTaken(String name) {
    return batches.values().stream().anyMatch(batch -> name != null && name.equals(batch.name));
  }

  synchronized List<Batch> batches() {
    listCalls++;
    return List.copyOf(batches.values());
  }

  synchronized Optional<Batch> batch(int id) {
    return Optional.ofNullable(batches.get(id));
  }

  /** The apps with any of the comma-separated tags, as YARN's applicationTags filter. */
  synchronized List<App> appsTagged(String tags) {
    List<String> wanted = List.of(tags.split(","));
    return apps.values().stream()
        .filter(app -> app.tags.stream().anyMatch(wanted::contains))
        .toList();
  }

  synchronized Optional<App> app(String id) {
    return Optional.ofNullable(apps.get(id));
  }

  /** The one app carrying a tag. */
  public synchronized App appsTaggedForTest(String tag) {
    return appsTagged(tag).get(0);
  }

  /** Every batch ever created, across Livy restarts. */
  public synchronized List<Batch> created() {
    return List.copyOf(created);
  }

  /** Batches created whose name ends with a job's tag. */
  public synchronized List<Batch> createdFor(String jobId) {
    return created.stream().filter(batch -> batch.name.endsWith("ym-job-" + jobId)).toList();
  }

  public synchronized int listCalls() {
    return listCalls;
  }

  /** Moves a job's app along: its Livy state (if Livy still has it) and YARN state. */
  public synchronized void advance(
      String jobId, String livyState, String yarnState, String finalStatus) {
    for (Batch batch : createdFor(jobId)) {
      batch.state = livyState;
      App app = apps.get(batch.appId);
      app.state = yarnState;
      app.finalStatus = finalStatus;
    }
  }

  public synchronized void kill(Batch batch) {
    batch.state = "killed";
    App app = apps.get(batch.appId);
    app.state = "KILLED";
    app.finalStatus = "KILLED";
    app.diagnostics = "Application killed by user.";
  }

  public synchronized void killApp(App app) {
    app.state = "KILLED";
    app.finalStatus = "KILLED";
    app.diagnostics = "Application killed by user.";
    batches.values().stream()
        .filter(batch -> batch.appId.equals(app.id))
        .forEach(b -> b.state = "dead");
  }

  /** A Livy restart without recovery: every batch forgotten, ids start at 0 again. */
  public synchronized void restartLivy() {
    batches.clear();
    nextBatchId = 0;
  }

  public synchronized void reset() {
    batches.clear();
    apps.clear();
    created.clear();
    nextBatchId = 0;
    mode = SubmitMode.NORMAL;
    clusterModes.clear();
    usage.clear();
    listCalls = 0;
  }
}
