package io.yardmaster.livyfacade;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.jobs.api.SparkBatch;
import java.util.List;
import java.util.Map;

/**
 * The body of Livy's {@code POST /batches}, as the stock LivyOperator and other Livy clients send
 * it: counts may come as strings ("2"), conf values as strings, numbers or booleans. Unknown fields
 * are refused (Livy answers them 400 too). {@code proxyUser}, when sent, must be the team's.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(
    name = "LivyBatchRequest",
    description =
        "Livy's batch request; routing keys yardmaster.target.* may travel in conf (docs/livy-facade.md)",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record LivyBatchRequest(
    @Schema(
            description = "the application jar or Python file",
            minLength = 1,
            maxLength = SparkBatch.MAX_PATH,
            requiredMode = Schema.RequiredMode.REQUIRED)
        @Nullable
        String file,
    @Nullable @Schema(maxLength = SparkBatch.MAX_CLASS, pattern = SparkBatch.CLASS_PATTERN)
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
    @Nullable
        @Schema(
            description = "an integer, or a string of one",
            oneOf = {Integer.class, String.class})
        Object driverCores,
    @Nullable @Schema(example = "8g", pattern = SparkBatch.SIZE_PATTERN) String executorMemory,
    @Nullable
        @Schema(
            description = "an integer, or a string of one",
            oneOf = {Integer.class, String.class})
        Object executorCores,
    @Nullable
        @Schema(
            description = "an integer, or a string of one",
            oneOf = {Integer.class, String.class})
        Object numExecutors,
    @Nullable @Schema(maxLength = SparkBatch.MAX_NAME, pattern = SparkBatch.QUEUE_PATTERN)
        String queue,
    @Nullable @Schema(maxLength = SparkBatch.MAX_NAME) String name,
    @Nullable
        @Schema(
            description =
                "Spark conf: string, number or boolean values; yardmaster.target.cluster,"
                    + " yardmaster.target.tags (comma-separated), yardmaster.target.spark-version"
                    + " choose the cluster and are not passed to Spark",
            additionalProperties = Schema.AdditionalPropertiesValue.TRUE)
        Map<String, Object> conf,
    @Nullable @Schema(description = "the team's proxy user, or left out", maxLength = 250)
        String proxyUser) {}
