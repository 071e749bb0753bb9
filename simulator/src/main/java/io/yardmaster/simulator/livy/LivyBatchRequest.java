package io.yardmaster.simulator.livy;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/** The body of Livy's {@code POST /batches} ({@code CreateBatchRequest}), as parsed. */
public record LivyBatchRequest(
    @Nullable String file,
    @Nullable String proxyUser,
    List<String> args,
    @Nullable String className,
    List<String> jars,
    List<String> pyFiles,
    List<String> files,
    @Nullable String driverMemory,
    @Nullable Integer driverCores,
    @Nullable String executorMemory,
    @Nullable Integer executorCores,
    @Nullable Integer numExecutors,
    List<String> archives,
    @Nullable String queue,
    @Nullable String name,
    Map<String, String> conf,
    Map<String, String> env) {

  /** The JSON property names Livy's request class knows, in its declaration order. */
  public static final List<String> PROPERTIES =
      List.of(
          "file",
          "proxyUser",
          "args",
          "className",
          "jars",
          "pyFiles",
          "files",
          "driverMemory",
          "driverCores",
          "executorMemory",
          "executorCores",
          "numExecutors",
          "archives",
          "queue",
          "name",
          "conf",
          "env");

  public LivyBatchRequest {
    args = List.copyOf(args);
    jars = List.copyOf(jars);
    pyFiles = List.copyOf(pyFiles);
    files = List.copyOf(files);
    archives = List.copyOf(archives);
    conf = Map.copyOf(conf);
    env = Map.copyOf(env);
  }
}
