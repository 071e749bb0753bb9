package io.yardmaster.jobs;

/** The ETag of a job's version: what a conditional poll compares. */
public final class JobEtags {
  private JobEtags() {}

  public static String of(Job job) {
    return of(job.id(), job.progress().version());
  }

  public static String of(String id, long version) {
    return "\"" + id + "-" + version + "\"";
  }
}
