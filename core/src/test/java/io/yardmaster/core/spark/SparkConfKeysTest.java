package io.yardmaster.core.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SparkConfKeysTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark.executor.memory",
        "spark.executorEnv.PYSPARK_PYTHON",
        "spark.sql.catalog.my_cat",
        "spark.kubernetes.driver.label.app.kubernetes.io/name",
        "spark.hadoop.fs.azure.account.key.acct-1.dfs.core.windows.net"
      })
  void takesSparksOwnKeys(String key) {
    assertThat(SparkConfKeys.keyProblem(key)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "spark.master=local",
        "spark.yarn.tags=evil",
        "",
        " spark.master",
        "spark master",
        "spark.master\u0000",
        "spark.\u200bmaster",
        "spark.mäster",
        "spark.master\n",
        "spark..master",
        "spark.master.",
        "1spark.master"
      })
  void refusesKeysOutsideTheGrammar(String key) {
    assertThat(SparkConfKeys.keyProblem(key)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\u0000b", "line\nbreak", "bell\u0007"})
  void refusesControlCharactersInValues(String value) {
    assertThat(SparkConfKeys.valueProblem(value)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-XX:+UseG1GC -Dx=y", "tab\tseparated", "ünïcödé", ""})
  void takesOrdinaryValues(String value) {
    assertThat(SparkConfKeys.valueProblem(value)).isEmpty();
  }
}
