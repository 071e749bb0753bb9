package io.yardmaster.simulator.model;

/**
 * What a {@link Replay} measured.
 *
 * @param jobs jobs in the trace
 * @param succeeded jobs that finished with final status SUCCEEDED
 * @param failed jobs that failed or were killed
 * @param simulatedSeconds simulated time from the start to the last job's end (or the limit)
 * @param wallSeconds wall-clock time the replay took
 * @param eventsProcessed discrete events run
 * @param eventsPerSecond events per wall second
 * @param peakHeapBytes peak heap use of the JVM's heap pools during the replay
 * @param p50QueueingSeconds median delay from submission to the driver starting
 * @param p95QueueingSeconds 95th percentile of that delay
 * @param vmSeconds VM-seconds billed over all scale sets
 */
public record ReplayReport(
    int jobs,
    int succeeded,
    int failed,
    long simulatedSeconds,
    double wallSeconds,
    long eventsProcessed,
    double eventsPerSecond,
    long peakHeapBytes,
    double p50QueueingSeconds,
    double p95QueueingSeconds,
    long vmSeconds) {

  public boolean complete() {
    return succeeded + failed == jobs;
  }
}
