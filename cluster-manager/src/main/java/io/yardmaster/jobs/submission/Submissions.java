package io.yardmaster.jobs.submission;

import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.core.spark.SparkValues;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobTags;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.jobs.policy.BatchFields;
import io.yardmaster.jobs.policy.EffectiveConf;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.web.teams.Team;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a job into the batch Livy receives: our name, our tags, the team's proxy user, and the conf
 * the job runs with on its cluster ({@link EffectiveConf}, enforced values applied last). The
 * sizing fields are sent as fields holding the effective values and taken out of the conf, so Livy
 * has one value for each and an enforced size is never undone by a field.
 */
public final class Submissions {
  public static final String TAGS_KEY = "spark.yarn.tags";

  private Submissions() {}

  public static BatchSubmission of(Job job, Team team, EffectiveConf effective) {
    SparkBatch batch = job.request().batch();
    Map<String, String> conf = new TreeMap<>(effective.values());
    String driverMemory = conf.remove(BatchFields.DRIVER_MEMORY);
    Integer driverCores = integer(conf.remove(BatchFields.DRIVER_CORES));
    String executorMemory = conf.remove(BatchFields.EXECUTOR_MEMORY);
    Integer executorCores = integer(conf.remove(BatchFields.EXECUTOR_CORES));
    Integer executors = integer(conf.remove(BatchFields.EXECUTOR_INSTANCES));
    List<String> tags = JobTags.of(job.id(), job.team(), job.request().labels());
    conf.put(TAGS_KEY, String.join(",", tags));
    return new BatchSubmission(
        job.livyName(),
        batch.file(),
        batch.className(),
        batch.args(),
        batch.jars(),
        batch.pyFiles(),
        batch.files(),
        batch.archives(),
        driverMemory,
        driverCores,
        executorMemory,
        executorCores,
        executors,
        JobPolicy.queue(job.request().target(), batch),
        conf,
        team.proxyUser());
  }

  private static Integer integer(String value) {
    return value == null ? null : SparkValues.integer(value).orElse(null);
  }
}
