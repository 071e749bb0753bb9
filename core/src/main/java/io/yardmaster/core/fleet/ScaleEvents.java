package io.yardmaster.core.fleet;

import java.time.Instant;
import java.util.List;

/**
 * The autoscaler's applied grow and shrink steps of a pool, as it stored them: what the cost role
 * marks on a DAG's costs (and tells spot evictions from shrinks by) without depending on the
 * autoscaler module, which implements it over its own decision records.
 */
public interface ScaleEvents {

  /**
   * The pool's steps in [start, end), oldest first; the newest {@code limit} when there are more.
   *
   * @throws RuntimeException when the records cannot be read
   */
  List<ScaleEvent> between(String pool, Instant start, Instant end, int limit);
}
