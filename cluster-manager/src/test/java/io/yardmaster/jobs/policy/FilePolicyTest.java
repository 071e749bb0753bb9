package io.yardmaster.jobs.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilePolicyTest {
  private static final FilePolicy DEFAULT = new FilePolicy(FilePolicy.DEFAULT_PREFIXES);

  @ParameterizedTest
  @ValueSource(
      strings = {
        "local:/opt/spark/examples/jars/spark-examples.jar",
        "LOCAL:/opt/spark/x.jar",
        "abfss://jobs@acct.dfs.core.windows.net/pi.jar",
        "hdfs:///apps/pi.jar",
        "hdfs://nameservice1/apps/pi.py"
      })
  void takesClusterStorageAndFilesOnEveryNode(String file) {
    assertThat(DEFAULT.problems(Batches.batch(file, List.of(), null, null, null, Map.of())))
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "file:///etc/passwd",
        "/etc/passwd",
        "etc/passwd",
        "http://169.254.169.254/latest/meta-data",
        "https://evil.example/x.jar",
        "local:/opt/spark/../../etc/passwd",
        "local:/opt/%2e%2e/etc/passwd",
        "hdfs:///apps/../../tmp/x.jar"
      })
  void refusesTheLivyHostsFilesTheNetworkAndClimbingOut(String file) {
    assertThat(DEFAULT.problems(Batches.batch(file, List.of(), null, null, null, Map.of())))
        .singleElement()
        .asString()
        .startsWith("batch.file: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://169.254.169.254/", "file:/tmp/x.jar"})
  void checksEveryListAndNamesTheEntry(String jar) {
    assertThat(
            DEFAULT.problems(
                Batches.batch(
                    "local:/x.jar", List.of("local:/ok.jar", jar), null, null, null, Map.of())))
        .singleElement()
        .asString()
        .startsWith("batch.jars[1]: ");
  }

  @ParameterizedTest
  @ValueSource(strings = {"local:/opt/jobs/", "/srv/shared/"})
  void aClusterMayAllowItsOwnPrefixes(String prefix) {
    FilePolicy own = new FilePolicy(List.of(prefix));
    assertThat(
            own.problems(Batches.batch(prefix + "pi.jar", List.of(), null, null, null, Map.of())))
        .isEmpty();
    assertThat(
            own.problems(Batches.batch("/srv/other/pi.jar", List.of(), null, null, null, Map.of())))
        .hasSize(1);
  }
}
