package io.yardmaster.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A Spark batch, in Livy's terms. Unknown fields are refused, not ignored. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A Spark batch, as Livy's POST /batches takes it (proxyUser is the team's)")
public record SparkBatch(
    @Schema(
            description = "the application jar or Python file",
            example = "local:/opt/spark/examples/jars/spark-examples.jar")
        @Nullable
        String file,
    @Nullable @Schema(example = "org.apache.spark.examples.SparkPi") String className,
    @Nullable List<String> args,
    @Nullable List<String> jars,
    @Nullable List<String> pyFiles,
    @Nullable List<String> files,
    @Nullable List<String> archives,
    @Nullable @Schema(example = "4g") String driverMemory,
    @Nullable Integer driverCores,
    @Nullable @Schema(example = "8g") String executorMemory,
    @Nullable Integer executorCores,
    @Nullable Integer numExecutors,
    @Nullable String queue,
    @Nullable String name,
    @Nullable Map<String, String> conf) {
  public SparkBatch {
    args = args == null ? List.of() : List.copyOf(args);
    jars = jars == null ? List.of() : List.copyOf(jars);
    pyFiles = pyFiles == null ? List.of() : List.copyOf(pyFiles);
    files = files == null ? List.of() : List.copyOf(files);
    archives = archives == null ? List.of() : List.copyOf(archives);
    conf = conf == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(conf));
  }
}
