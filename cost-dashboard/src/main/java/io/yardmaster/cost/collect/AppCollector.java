package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.peer.rm.RmApplication;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every app of every cluster's RM into {@code cost_app} (ADR 0016).
 *
 * <p>One pass of a cluster is two requests, whatever the number of apps the RM reported before: the
 * apps not ended yet, then the ended apps that finished at or after the watermark minus the
 * overlap. Each app is stored by (cluster, app id), so the overlap's re-reads change nothing; an
 * app whose figures changed marks the hours of its old and new spans dirty. A running app's usage
 * so far is updated every pass.
 *
 * <p>Gaps: the RM keeps only its last {@code max-completed-applications} ended apps. Application
 * ids are {@code application_<RM start>_<sequence>}, so a sequence number collection never saw,
 * below the highest one it had seen at the previous pass, is an app that ended and was rotated out
 * before it could be read ({@code NEVER_SEEN}: its usage is lost); an app seen running that is
 * neither running nor among the ended apps was rotated out before its end was read ({@code
 * SEEN_RUNNING}: its usage so far is kept and it is closed at its last reading). Both are rows of
 * {@code cost_collection_gap} and a warning in the log. What cannot be detected: apps rotated out
 * before the first pass of a cluster, or of an RM epoch whose apps collection never saw.
 */
@Singleton
public final class AppCollector {
  /** At most this many never-seen ids are recorded per cluster and pass. */
  static final int MAX_GAPS_PER_PASS = 1000;

  private static final Logger LOG = LoggerFactory.getLogger(AppCollector.class);

  private final ClusterRegistry registry;
  private final ResourceManagerClient resourceManagers;
  private final AppStore store;
  private final DirtyHours dirty;
  private final Clock clock;
  private final CollectConfig config;

  public AppCollector(
      ClusterRegistry registry,
      ResourceManagerClient resourceManagers,
      AppStore store,
      DirtyHours dirty,
      Clock clock,
      CollectConfig config) {
    this.registry = requireNonNull(registry, "registry is null");
    this.resourceManagers = requireNonNull(resourceManagers, "resourceManagers is null");
    this.store = requireNonNull(store, "store is null");
    this.dirty = requireNonNull(dirty, "dirty is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.config = requireNonNull(config, "config is null");
  }

  /** One pass over every cluster; one cluster failing skips only it. */
  public void collectAll() {
    for (ClusterConfig cluster : registry.clusters()) {
      try {
        collect(cluster);
      } catch (PeerException e) {
        LOG.info("cost collection skipped {} this pass: {}", cluster.name(), e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("cost collection of {} failed; collecting the others", cluster.name(), e);
      }
    }
  }

  /** What one pass of a cluster did. */
  public record Pass(int read, int changed, int failed, int gaps) {}

  /** One pass of one cluster. */
  public Pass collect(ClusterConfig cluster) {
    String name = cluster.name();
    Optional<AppStore.Cursor> cursor = store.cursor(name);
    long now = clock.millis();
    // Live first: an app that ends between the two requests is then among the ended ones.
    List<RmApplication> live = resourceManagers.applicationsLive(cluster);
    long begin = cursor.map(c -> c.finishedBegin() - config.overlap().toMillis()).orElse(0L);
    List<RmApplication> ended = resourceManagers.applicationsFinishedSince(cluster, begin);

    Map<String, RmApplication> seen = new HashMap<>();
    live.forEach(app -> seen.put(app.id(), app));
    ended.forEach(app -> seen.put(app.id(), app));

    int changed = 0;
    int failed = 0;
    long watermark = cursor.map(AppStore.Cursor::finishedBegin).orElse(0L);
    for (RmApplication app : seen.values()) {
      try {
        StoredApp read = StoredApp.of(name, app, now);
        if (store(read)) {
          changed++;
        }
        if (read.ended()) {
          watermark = Math.max(watermark, read.finishedAt());
        }
      } catch (RuntimeException e) {
        failed++;
        LOG.warn("cost collection could not store {} of {}: {}", app.id(), name, e.toString());
      }
    }
    int gaps = closeRotatedRunning(name, seen, now);
    gaps += checkSequence(name, cursor, seen, now, watermark);
    return new Pass(seen.size(), changed, failed, gaps);
  }

  /**
   * Stores an app if new or changed; true if it changed. A running app always changes: its usage so
   * far now reaches this reading.
   */
  private boolean store(StoredApp read) {
    Optional<StoredApp> before = store.find(read.cluster(), read.appId());
    if (before.isPresent() && before.get().sameUsage(read) && read.ended()) {
      return false;
    }
    store.save(read);
    before.ifPresent(old -> dirty.mark(old.cluster(), old.spanStart(), old.spanEnd()));
    dirty.mark(read.cluster(), read.spanStart(), read.spanEnd());
    return true;
  }

  private int closeRotatedRunning(String cluster, Map<String, RmApplication> seen, long now) {
    int gaps = 0;
    for (StoredApp app : store.live(cluster)) {
      if (seen.containsKey(app.appId())) {
        continue;
      }
      try {
        StoredApp closed =
            new StoredApp(
                app.cluster(),
                app.appId(),
                "UNKNOWN",
                "UNKNOWN",
                app.startedAt(),
                app.launchedAt(),
                app.observedAt(),
                app.observedAt(),
                app.vcoreSeconds(),
                app.memoryMbSeconds(),
                app.preemptedVcoreSeconds(),
                app.preemptedMemoryMbSeconds(),
                app.tags(),
                app.queue(),
                app.user());
        store.save(closed);
        dirty.mark(cluster, app.spanStart(), app.spanEnd());
        gap(
            new AppStore.Gap(
                cluster,
                app.appId(),
                "SEEN_RUNNING",
                now,
                "seen running at "
                    + java.time.Instant.ofEpochMilli(app.observedAt())
                    + ", then neither running nor among the ended apps: the RM rotated it out"
                    + " before its end was read; its usage up to then is kept"));
        gaps++;
      } catch (RuntimeException e) {
        LOG.warn(
            "cost collection could not close {} of {}: {}", app.appId(), cluster, e.toString());
      }
    }
    return gaps;
  }

  /**
   * Checks the sequence numbers up to the highest one seen at the previous pass (every app up to it
   * was submitted before this pass's requests, so it is either live, ended since the watermark, or
   * already stored), then moves the cursor.
   */
  private int checkSequence(
      String cluster,
      Optional<AppStore.Cursor> cursor,
      Map<String, RmApplication> seen,
      long now,
      long watermark) {
    long epoch = 0;
    long maxNow = 0;
    for (String id : seen.keySet()) {
      Optional<AppId> parsed = AppId.parse(id);
      if (parsed.isPresent() && parsed.get().clusterTimestamp() >= epoch) {
        if (parsed.get().clusterTimestamp() > epoch) {
          epoch = parsed.get().clusterTimestamp();
          maxNow = 0;
        }
        maxNow = Math.max(maxNow, parsed.get().sequence());
      }
    }
    int gaps = 0;
    long checked;
    long max;
    if (cursor.isEmpty() || epoch == 0) {
      // The first pass: what the RM rotated out before it is not knowable.
      epoch = cursor.map(AppStore.Cursor::clusterTimestamp).orElse(epoch);
      checked = cursor.map(AppStore.Cursor::checkedSequence).orElse(maxNow);
      max = Math.max(cursor.map(AppStore.Cursor::maxSequence).orElse(0L), maxNow);
    } else if (epoch != cursor.get().clusterTimestamp()) {
      // The RM restarted: a new sequence, checked from its start at the next pass.
      LOG.info("{}'s RM restarted (epoch {}); checking its new application ids", cluster, epoch);
      checked = 0;
      max = maxNow;
    } else {
      long from = cursor.get().checkedSequence();
      long to = cursor.get().maxSequence();
      for (long sequence = from + 1; sequence <= to; sequence++) {
        String id = AppId.format(epoch, sequence);
        if (seen.containsKey(id) || store.find(cluster, id).isPresent()) {
          continue;
        }
        if (gaps < MAX_GAPS_PER_PASS) {
          gap(
              new AppStore.Gap(
                  cluster,
                  id,
                  "NEVER_SEEN",
                  now,
                  "ended and rotated out by the RM (max-completed-applications) before it was"
                      + " read: its usage is missing from the costs"));
        }
        gaps++;
      }
      if (gaps > MAX_GAPS_PER_PASS) {
        LOG.warn("{}: {} application ids missing, {} recorded", cluster, gaps, MAX_GAPS_PER_PASS);
      }
      checked = to;
      max = Math.max(to, maxNow);
    }
    store.save(new AppStore.Cursor(cluster, watermark, epoch, max, checked, now));
    return gaps;
  }

  private void gap(AppStore.Gap gap) {
    if (store.recordGap(gap)) {
      LOG.warn(
          "cost collection gap on {}: {} ({}): {}",
          gap.cluster(),
          gap.appId(),
          gap.kind(),
          gap.detail());
    }
  }
}
