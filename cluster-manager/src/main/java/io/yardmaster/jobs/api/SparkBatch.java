package io.yardmaster.jobs.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Spark batch, in Livy's terms. Unknown fields are refused, not ignored; the limits here are the
 * ones {@link JobRequestValidator} enforces. Sizes are strings Spark parses (4g, 512m) and counts
 * integers; the cluster's conf policy judges the sizing fields as the conf keys they set.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(
    description = "A Spark batch, as Livy's POST /batches takes it (proxyUser is the team's)",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record SparkBatch(
    @Schema(
            description = "the application jar or Python file, under an allowed location",
            example = "local:/opt/spark/examples/jars/spark-examples.jar",
            minLength = 1,
            maxLength = SparkBatch.MAX_PATH,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        String file,
    @Nullable
        @Schema(
            example = "org.apache.spark.examples.SparkPi",
            maxLength = SparkBatch.MAX_CLASS,
            pattern = SparkBatch.CLASS_PATTERN)
        String className,
    @Nullable
        @ArraySchema(
            maxItems = SparkBatch.MAX_LIST,
            schema = @Schema(maxLength = SparkBatch.MAX_ARG))
        List<String> args,
    @Nullable
        @ArraySchema(
            maxItems = SparkBatch.MAX_LIST,
            schema = @Schema(maxLength = SparkBatch.MAX_PATH))
        List<String> jars,
    @Nullable
        @ArraySchema(
            maxItems = SparkBatch.MAX_LIST,
            schema = @Schema(maxLength = SparkBatch.MAX_PATH))
        List<String> pyFiles,
    @Nullable
        @ArraySchema(
            maxItems = SparkBatch.MAX_LIST,
            schema = @Schema(maxLength = SparkBatch.MAX_PATH))
        List<String> files,
    @Nullable
        @ArraySchema(
            maxItems = SparkBatch.MAX_LIST,
            schema = @Schema(maxLength = SparkBatch.MAX_PATH))
        List<String> archives,
    @Nullable @Schema(example = "4g", pattern = SparkBatch.SIZE_PATTERN) String driverMemory,
    @Nullable @Schema(minimum = "1", maximum = "1024") Integer driverCores,
    @Nullable @Schema(example = "8g", pattern = SparkBatch.SIZE_PATTERN) String executorMemory,
    @Nullable @Schema(minimum = "1", maximum = "1024") Integer executorCores,
    @Nullable @Schema(minimum = "0", maximum = "1000000") Integer numExecutors,
    @Nullable @Schema(maxLength = SparkBatch.MAX_NAME, pattern = SparkBatch.QUEUE_PATTERN)
        String queue,
    @Nullable @Schema(maxLength = SparkBatch.MAX_NAME) String name,
    @Nullable
        @Schema(
            description =
                "Spark conf; keys are ASCII letters, digits and . _ - / (no '='), at most 500"
                    + " entries; the cluster's policy refuses some keys",
            additionalPropertiesSchema = String.class)
        Map<String, String> conf) {
  public static final int MAX_PATH = 4096;
  public static final int MAX_ARG = 16384;
  public static final int MAX_LIST = 1000;
  public static final int MAX_CONF = 500;
  public static final int MAX_NAME = 250;
  public static final int MAX_CLASS = 1000;
  public static final String CLASS_PATTERN =
      "^[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*$";
  public static final String QUEUE_PATTERN = "^[A-Za-z0-9_.-]+$";
  public static final String SIZE_PATTERN = "^\\s*[0-9]+\\s*([kKmMgGtTpP][bB]?|[bB])?\\s*$";

  public SparkBatch {
    args = copy(args);
    jars = copy(jars);
    pyFiles = copy(pyFiles);
    files = copy(files);
    archives = copy(archives);
    // Null values are kept so that the validator can name them; TreeMap takes them.
    conf = conf == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(conf));
  }

  private static List<String> copy(List<String> values) {
    return values == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(values));
  }
}
