package io.yardmaster.jobs;

import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.web.teams.Team;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a job into the batch Livy receives: our name, our tags, the team's proxy user, and the
 * Spark conf policy. Conf is layered, later wins: the cluster's defaults, the team's defaults, the
 * request, the team's enforced values, the cluster's enforced values, and last Yardmaster's own
 * tags.
 */
final class Submissions {
  static final String TAGS_KEY = "spark.yarn.tags";

  private Submissions() {}

  /** The Livy batch name: unique (Livy refuses a duplicate), ending with the job's tag. */
  static String livyName(Job job) {
    String name = job.request().batch().name();
    return name == null || name.isBlank() ? job.tag() : name + " " + job.tag();
  }

  /** Whether a Livy batch name is this job's. */
  static boolean isOurs(Job job, String livyName) {
    return livyName != null && livyName.endsWith(job.tag());
  }

  static BatchSubmission of(Job job, Team team, ClusterConfig cluster) {
    SparkBatch batch = job.request().batch();
    Map<String, String> conf = new TreeMap<>(cluster.defaultConf());
    conf.putAll(team.sparkDefaults());
    conf.putAll(batch.conf());
    conf.putAll(team.sparkEnforced());
    conf.putAll(cluster.enforcedConf());
    List<String> tags = JobTags.of(job.id(), job.team(), job.request().labels());
    conf.put(TAGS_KEY, String.join(",", tags));
    return new BatchSubmission(
        livyName(job),
        batch.file(),
        batch.className(),
        batch.args(),
        batch.jars(),
        batch.pyFiles(),
        batch.files(),
        batch.archives(),
        batch.driverMemory(),
        batch.driverCores(),
        batch.executorMemory(),
        batch.executorCores(),
        batch.numExecutors(),
        queue(job),
        conf,
        team.proxyUser());
  }

  private static String queue(Job job) {
    String queue = job.request().batch().queue();
    return queue != null ? queue : job.request().target().queue();
  }
}
