package io.yardmaster.simulator.livy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON Livy answers with. */
final class LivyViews {
  private LivyViews() {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppInfo(@Nullable String driverLogUrl, @Nullable String sparkUiUrl) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Batch(
      int id,
      @Nullable String name,
      @Nullable String owner,
      @Nullable String proxyUser,
      String state,
      @Nullable String appId,
      AppInfo appInfo,
      List<String> log) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Batches(int from, int total, List<Batch> sessions) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record State(int id, String state) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Log(int id, int from, int total, List<String> log) {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Message(String msg) {}
}
