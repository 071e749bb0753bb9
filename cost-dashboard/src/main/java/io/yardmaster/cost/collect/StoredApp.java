package io.yardmaster.cost.collect;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.Texts;
import io.yardmaster.core.peer.rm.RmApplication;
import io.yardmaster.cost.attribution.AppUsage;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** One row of {@code cost_app}: an app as its RM reported it last, every text bounded. */
record StoredApp(
    String cluster,
    String appId,
    String state,
    String finalStatus,
    long startedAt,
    long launchedAt,
    @Nullable Long finishedAt,
    long observedAt,
    long vcoreSeconds,
    long memoryMbSeconds,
    long preemptedVcoreSeconds,
    long preemptedMemoryMbSeconds,
    String tags,
    String queue,
    String user) {

  static final int MAX_APP_ID = 64;
  static final int MAX_TAGS = 1100;
  static final int MAX_NAME = 255;
  static final int MAX_STATUS = 16;

  StoredApp {
    requireNonNull(cluster, "cluster is null");
    requireNonNull(appId, "appId is null");
  }

  /**
   * The row for an app as the RM reports it at {@code observedAt}.
   *
   * @throws IllegalArgumentException for an app that cannot be stored (an id too long to key it)
   */
  static StoredApp of(String cluster, RmApplication app, long observedAt) {
    if (app.id().length() > MAX_APP_ID) {
      throw new IllegalArgumentException(
          "application id longer than " + MAX_APP_ID + ": " + Texts.bounded(app.id(), 100));
    }
    String state = upper(app.state());
    boolean ended = state.equals("FINISHED") || state.equals("FAILED") || state.equals("KILLED");
    long started = positive(app.startedTime());
    long finished = positive(app.finishedTime());
    return new StoredApp(
        cluster,
        app.id(),
        Texts.bounded(state, MAX_STATUS),
        Texts.bounded(
            app.finalStatus() == null ? "UNDEFINED" : upper(app.finalStatus()), MAX_STATUS),
        started,
        positive(app.launchTime()),
        ended ? Math.max(finished, started) : null,
        observedAt,
        positive(app.vcoreSeconds()),
        positive(app.memorySeconds()),
        positive(app.preemptedVcoreSeconds()),
        positive(app.preemptedMemorySeconds()),
        Texts.bounded(app.applicationTags() == null ? "" : app.applicationTags(), MAX_TAGS),
        Texts.bounded(app.queue() == null ? "" : app.queue(), MAX_NAME),
        Texts.bounded(app.user() == null ? "" : app.user(), MAX_NAME));
  }

  boolean ended() {
    return finishedAt != null;
  }

  /** The same figures (what it reports about its usage), whenever they were read. */
  boolean sameUsage(StoredApp other) {
    return state.equals(other.state)
        && finalStatus.equals(other.finalStatus)
        && startedAt == other.startedAt
        && launchedAt == other.launchedAt
        && java.util.Objects.equals(finishedAt, other.finishedAt)
        && vcoreSeconds == other.vcoreSeconds
        && memoryMbSeconds == other.memoryMbSeconds
        && preemptedVcoreSeconds == other.preemptedVcoreSeconds
        && preemptedMemoryMbSeconds == other.preemptedMemoryMbSeconds
        && tags.equals(other.tags)
        && queue.equals(other.queue)
        && user.equals(other.user);
  }

  /** Where attribution spreads it: [launched (or submitted), finished (or observed)]. */
  long spanStart() {
    return launchedAt > 0 ? launchedAt : startedAt;
  }

  long spanEnd() {
    return finishedAt != null ? finishedAt : observedAt;
  }

  AppUsage usage() {
    return new AppUsage(
        cluster,
        appId,
        Instant.ofEpochMilli(startedAt),
        Instant.ofEpochMilli(spanStart()),
        finishedAt == null ? null : Instant.ofEpochMilli(finishedAt),
        Instant.ofEpochMilli(observedAt),
        vcoreSeconds,
        memoryMbSeconds,
        preemptedVcoreSeconds,
        preemptedMemoryMbSeconds,
        tagList(tags),
        queue,
        user,
        finalStatus);
  }

  static List<String> tagList(String tags) {
    return tags.isBlank()
        ? List.of()
        : Arrays.stream(tags.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
  }

  private static String upper(String text) {
    return text.trim().toUpperCase(Locale.ROOT);
  }

  private static long positive(@Nullable Long value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
