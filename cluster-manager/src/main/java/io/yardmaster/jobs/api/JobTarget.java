package io.yardmaster.jobs.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Where a job should run: a named cluster, or any cluster with these tags / queue / version. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(
    description = "A named cluster, or routing constraints; empty means any cluster",
    additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record JobTarget(
    @Nullable @Schema(maxLength = 63, pattern = JobTarget.NAME_PATTERN) String cluster,
    @Nullable
        @ArraySchema(
            maxItems = JobTarget.MAX_TAGS,
            schema = @Schema(maxLength = 63, pattern = JobTarget.TAG_PATTERN))
        List<String> tags,
    @Nullable @Schema(maxLength = SparkBatch.MAX_NAME, pattern = SparkBatch.QUEUE_PATTERN)
        String queue,
    @Nullable @Schema(maxLength = 20, pattern = JobTarget.VERSION_PATTERN) String sparkVersion) {
  public static final JobTarget ANY = new JobTarget(null, List.of(), null, null);
  public static final int MAX_TAGS = 20;
  public static final String NAME_PATTERN = "^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$";
  public static final String TAG_PATTERN = "^[A-Za-z0-9._:-]{1,63}$";
  public static final String VERSION_PATTERN = "^[0-9]{1,4}(\\.[0-9]{1,4}){0,2}$";

  public JobTarget {
    tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
  }
}
