package io.yardmaster.simulator.contract;

/**
 * The kinds of Spark batch the Livy contract submits; each target turns one into a request body.
 */
enum LivyJob {
  /** Computes a little and ends well: the batch reaches {@code success}. */
  SUCCEEDS,
  /** Keeps running for minutes, long enough to be deleted while it runs. */
  RUNS_LONG,
  /** Throws in a task: the batch reaches {@code dead}. */
  FAILS
}
