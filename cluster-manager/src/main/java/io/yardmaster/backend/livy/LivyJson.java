package io.yardmaster.backend.livy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Livy's JSON, as far as Yardmaster reads and writes it (the RM's: core.peer.rm). */
final class LivyJson {
  private LivyJson() {}

  /** The body of Livy's {@code POST /batches}; absent fields are left out. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record BatchRequest(
      String file,
      @Nullable String className,
      @Nullable List<String> args,
      @Nullable List<String> jars,
      @Nullable List<String> pyFiles,
      @Nullable List<String> files,
      @Nullable List<String> archives,
      @Nullable String driverMemory,
      @Nullable Integer driverCores,
      @Nullable String executorMemory,
      @Nullable Integer executorCores,
      @Nullable Integer numExecutors,
      @Nullable String queue,
      String name,
      String proxyUser,
      Map<String, String> conf) {}

  @Serdeable
  record AppInfo(@Nullable String driverLogUrl, @Nullable String sparkUiUrl) {}

  @Serdeable
  record Batch(
      int id,
      @Nullable String name,
      @Nullable String state,
      @Nullable String appId,
      @Nullable AppInfo appInfo) {}

  @Serdeable
  record Batches(int from, int total, @Nullable List<Batch> sessions) {}

  @Serdeable
  record Log(int id, int from, int total, @Nullable List<String> log) {}

  @Serdeable
  record Message(@Nullable String msg) {}
}
