package io.yardmaster.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Where a job should run: a named cluster, or any cluster with these tags / queue / version. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(description = "A named cluster, or routing constraints; empty means any cluster")
public record JobTarget(
    @Nullable String cluster,
    @Nullable List<String> tags,
    @Nullable String queue,
    @Nullable String sparkVersion) {
  public static final JobTarget ANY = new JobTarget(null, List.of(), null, null);

  public JobTarget {
    tags = tags == null ? List.of() : List.copyOf(tags);
  }
}
