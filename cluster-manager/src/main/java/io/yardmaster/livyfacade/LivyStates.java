package io.yardmaster.livyfacade;

import io.yardmaster.jobs.Job;

/**
 * A job's state in Livy's words. Exactly one of Livy's batch states, never {@code recovering} nor
 * one of Yardmaster's names: a Livy client knows no others. The table is in docs/livy-facade.md.
 */
final class LivyStates {
  private LivyStates() {}

  static String of(Job job) {
    boolean killing = job.progress().killRequested();
    return switch (job.state()) {
      case QUEUED -> killing ? "shutting_down" : "not_started";
      case SUBMITTING, STARTING -> killing ? "shutting_down" : "starting";
      case RUNNING -> killing ? "shutting_down" : "running";
      case SUCCEEDED -> "success";
      case FAILED -> "dead";
      case KILLED -> "killed";
      // Yardmaster lost sight of the app (neither Livy nor YARN knows it): not a Spark failure.
      case LOST -> "error";
    };
  }
}
