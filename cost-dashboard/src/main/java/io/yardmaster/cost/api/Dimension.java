package io.yardmaster.cost.api;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A property of a {@code cost_allocation} row that costs can be aggregated or filtered by. A
 * dimension that is only meaningful inside another implies it: a task is a DAG's task, a run a
 * DAG's run, a try a task's try within a run, an app or a job carries all of its labels.
 */
public enum Dimension {
  CLUSTER("cluster", "cluster", true),
  POOL("pool", "pool", true),
  QUEUE("queue", "queue", true),
  USER("user", "yarn_user", true),
  TEAM("team", "team", true),
  DAG("dag", "dag_id", true),
  TASK("task", "task_id", true),
  RUN("run", "run_id", true),
  TRY("try", "try_number", false),
  JOB("job", "job_id", true),
  APP("app", "app_id", true);

  private final String wireName;
  private final String column;
  private final boolean filterable;

  Dimension(String wireName, String column, boolean filterable) {
    this.wireName = wireName;
    this.column = column;
    this.filterable = filterable;
  }

  /** The name in {@code aggregate}, {@code filter}, a row's properties and the CSV header. */
  public String wireName() {
    return wireName;
  }

  /** The column of {@code cost_allocation}. */
  String column() {
    return column;
  }

  boolean filterable() {
    return filterable;
  }

  /**
   * Whether this dimension labels an app (from its tags, queue or user) rather than where it ran:
   * the pool-hour's idle has no such label, so a query scoped by one sees idle only as the apps'
   * share of it.
   */
  boolean labelsApps() {
    return this != CLUSTER && this != POOL;
  }

  /** Whether {@code cost_summary} (V26) keeps this label: every one but those naming an app. */
  boolean summarized() {
    return this != TASK && this != TRY && this != JOB && this != APP;
  }

  /** The dimensions that name this one fully, itself included. */
  Set<Dimension> withImplied() {
    return switch (this) {
      case TASK -> EnumSet.of(DAG, TASK);
      case RUN -> EnumSet.of(DAG, RUN);
      case TRY -> EnumSet.of(DAG, TASK, RUN, TRY);
      case JOB -> EnumSet.of(TEAM, DAG, TASK, RUN, TRY, JOB);
      case APP -> EnumSet.of(TEAM, DAG, TASK, RUN, TRY, JOB, APP);
      default -> EnumSet.of(this);
    };
  }

  static Optional<Dimension> of(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (Dimension dimension : values()) {
      if (dimension.wireName.equals(wanted)) {
        return Optional.of(dimension);
      }
    }
    return Optional.empty();
  }
}
