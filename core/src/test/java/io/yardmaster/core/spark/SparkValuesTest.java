package io.yardmaster.core.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.yardmaster.core.spark.SparkValues.Unit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SparkValuesTest {
  @ParameterizedTest(name = "{0} is {1} MiB")
  @CsvSource({
    "512m, 512",
    "4g, 4096",
    "4G, 4096",
    "4gb, 4096",
    "' 4g ', 4096",
    "4096, 4096",
    "16777216k, 16384",
    "1t, 1048576",
    "1tb, 1048576",
    "1p, 1073741824",
    "1073741824b, 1024"
  })
  void readsEveryUnitSparkReads(String text, long mebibytes) {
    assertThat(SparkValues.mebibytes(text, Unit.MIB)).hasValue(mebibytes);
  }

  @ParameterizedTest(name = "''{0}'' is not a size")
  @CsvSource({"1.5g", "lots", "4 g", "-1g", "4x", "'' ", "99999999999999999999"})
  void refusesWhatSparkRefuses(String text) {
    assertThat(SparkValues.mebibytes(text, Unit.MIB)).isEmpty();
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"4, 4", "+4, 4", "0, 0"})
  void readsIntegersAsScalaToInt(String text, int value) {
    assertThat(SparkValues.integer(text)).hasValue(value);
  }

  @ParameterizedTest(name = "''{0}'' is not an int")
  @CsvSource({"' 4'", "4.0", "1e3", "four", "2147483648"})
  void refusesIntegersScalaRefuses(String text) {
    assertThat(SparkValues.integer(text)).isEmpty();
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource({"true, true", "TRUE, true", "False, false"})
  void readsBooleansAsScalaToBoolean(String text, boolean value) {
    assertThat(SparkValues.bool(text)).hasValue(value);
  }

  @ParameterizedTest(name = "''{0}'' is not a boolean")
  @CsvSource({"' true'", "yes", "1", "''"})
  void refusesBooleansScalaRefuses(String text) {
    assertThat(SparkValues.bool(text)).isEmpty();
  }
}
