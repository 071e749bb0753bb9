package io.yardmaster.core.spark;

import java.util.List;

/**
 * The conf keys a caller may never set, and those refused unless an operator exempts them. Compare
 * Livy's {@code spark-blacklist.conf} and Kyuubi's {@code session.conf.restrict.list}.
 */
public final class DeniedKeys {
  /**
   * Yardmaster sets these itself, or they would change where, as whom, or with what code outside
   * the file policy a job runs. No operator setting lifts them.
   */
  public static final List<KeyPattern> RESERVED =
      patterns(
          "spark.master",
          "spark.submit.deployMode",
          "spark.yarn.tags",
          "spark.yarn.queue",
          "spark.app.name",
          "spark.proxyUser",
          "spark.yarn.keytab",
          "spark.yarn.principal",
          "spark.kerberos.*",
          "spark.yarn.am.keytab*",
          // File lists go through the batch fields, where the cluster's file policy checks them.
          "spark.jars",
          "spark.files",
          "spark.archives",
          "spark.submit.pyFiles",
          "spark.yarn.dist.*");

  /**
   * Refused by default (an operator may exempt one per cluster): code fetched or run outside the
   * file policy, YARN or HDFS pointed elsewhere, and JVM or environment hooks.
   */
  public static final List<KeyPattern> DEFAULT =
      patterns(
          "spark.yarn.jars",
          "spark.yarn.jar",
          "spark.yarn.archive",
          "spark.jars.packages",
          "spark.jars.repositories",
          "spark.jars.ivy",
          "spark.jars.ivySettings",
          "spark.jars.excludes",
          "spark.hadoop.*",
          "spark.yarn.access.hadoopFileSystems",
          "spark.yarn.stagingDir",
          "spark.yarn.config.*",
          "spark.*.extraJavaOptions",
          "spark.*.extraClassPath",
          "spark.*.extraLibraryPath",
          "spark.*.defaultJavaOptions",
          "spark.yarn.am.nodeLabelExpression",
          "spark.yarn.executor.nodeLabelExpression",
          "spark.yarn.priority",
          "spark.executorEnv.LD_*",
          "spark.yarn.appMasterEnv.LD_*",
          "spark.executorEnv.*JAVA*OPTIONS",
          "spark.yarn.appMasterEnv.*JAVA*OPTIONS",
          "spark.executorEnv.*_CONF_DIR",
          "spark.yarn.appMasterEnv.*_CONF_DIR",
          "spark.executorEnv.CLASSPATH",
          "spark.yarn.appMasterEnv.CLASSPATH");

  private DeniedKeys() {}

  public static List<KeyPattern> patterns(String... globs) {
    return List.of(globs).stream().map(KeyPattern::of).toList();
  }

  /** The first pattern that matches {@code key}, or null. */
  public static KeyPattern firstMatch(List<KeyPattern> patterns, String key) {
    for (KeyPattern pattern : patterns) {
      if (pattern.matches(key)) {
        return pattern;
      }
    }
    return null;
  }
}
