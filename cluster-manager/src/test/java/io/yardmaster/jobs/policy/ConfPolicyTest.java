package io.yardmaster.jobs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.spark.DeniedKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfPolicyTest {
  private static ConfPolicy denyList(List<String> denied, List<String> exempted) {
    return new ConfPolicy(
        "alpha",
        ConfPolicy.Mode.DENY_LIST,
        DeniedKeys.patterns(denied.toArray(String[]::new)),
        List.of(),
        DeniedKeys.patterns(exempted.toArray(String[]::new)),
        new FilePolicy(FilePolicy.DEFAULT_PREFIXES));
  }

  private static final ConfPolicy DEFAULT = denyList(List.of(), List.of());

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark.master",
        "spark.Master",
        "spark.submit.deployMode",
        "spark.yarn.tags",
        "spark.yarn.queue",
        "spark.app.name",
        "spark.kerberos.keytab",
        "spark.yarn.principal",
        "spark.jars",
        "spark.submit.pyFiles",
        "spark.yarn.dist.archives",
        // Livy's own blacklist, code fetched on the Livy host, YARN or HDFS elsewhere, JVM hooks.
        "spark.yarn.jars",
        "spark.yarn.jar",
        "spark.yarn.archive",
        "spark.jars.packages",
        "spark.jars.repositories",
        "spark.jars.ivySettings",
        "spark.hadoop.fs.defaultFS",
        "spark.hadoop.yarn.resourcemanager.address",
        "spark.driver.extraJavaOptions",
        "spark.executor.extraJavaOptions",
        "spark.driver.extraClassPath",
        "spark.executor.extraClassPath",
        "spark.yarn.access.hadoopFileSystems",
        "spark.executorEnv.LD_PRELOAD",
        "spark.yarn.appMasterEnv.JAVA_TOOL_OPTIONS"
      })
  void theDefaultPolicyRefusesKeysThatMoveImpersonateOrHijackAJob(String key) {
    assertThat(DEFAULT.keyProblems(Batches.conf(Map.of(key, "x"))))
        .singleElement()
        .asString()
        .startsWith("batch.conf." + key + ": ");
  }

  @Test
  void ordinaryTuningIsAllowed() {
    assertThat(
            DEFAULT.keyProblems(
                Batches.conf(
                    Map.of(
                        "spark.sql.shuffle.partitions", "400",
                        "spark.executor.memoryOverhead", "1g",
                        "spark.executorEnv.PYSPARK_PYTHON", "python3"))))
        .isEmpty();
  }

  @Test
  void anOperatorMayExemptADefaultDenialButNeverAReservedKey() {
    ConfPolicy azure =
        denyList(List.of(), List.of("spark.hadoop.fs.azure.*", "spark.master", "spark.yarn.tags"));
    assertThat(azure.keyProblems(Batches.conf(Map.of("spark.hadoop.fs.azure.sas", "x")))).isEmpty();
    assertThat(azure.keyProblems(Batches.conf(Map.of("spark.hadoop.fs.defaultFS", "x"))))
        .hasSize(1);
    assertThat(azure.keyProblems(Batches.conf(Map.of("spark.master", "local")))).hasSize(1);
    assertThat(azure.keyProblems(Batches.conf(Map.of("spark.yarn.tags", "x")))).hasSize(1);
  }

  @Test
  void aClustersOwnDenialsAddToTheDefaults() {
    ConfPolicy strict = denyList(List.of("spark.eventLog.*"), List.of());
    assertThat(strict.keyProblems(Batches.conf(Map.of("spark.eventLog.dir", "hdfs:///x"))))
        .singleElement()
        .asString()
        .contains("denied on cluster alpha (spark.eventLog.*)");
  }

  @Test
  void inAllowListModeOnlyAllowedKeysPassAndTheSizingFieldsCountAsTheirKeys() {
    ConfPolicy allow =
        new ConfPolicy(
            "alpha",
            ConfPolicy.Mode.ALLOW_LIST,
            List.of(),
            DeniedKeys.patterns("spark.sql.*", "spark.executor.memory"),
            List.of(),
            new FilePolicy(FilePolicy.DEFAULT_PREFIXES));
    assertThat(allow.keyProblems(Batches.conf(Map.of("spark.sql.adaptive.enabled", "true"))))
        .isEmpty();
    assertThat(allow.keyProblems(Batches.conf(Map.of("spark.network.timeout", "600s"))))
        .singleElement()
        .asString()
        .contains("not among the keys cluster alpha allows");
    assertThat(allow.keyProblems(Batches.batch("local:/x.jar", List.of(), "4g", 2, null, Map.of())))
        .singleElement()
        .asString()
        .startsWith("batch.executorCores: ");
  }
}
