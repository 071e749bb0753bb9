package io.yardmaster.backend;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.util.List;
import java.util.Map;

/** A Spark batch as the backend submits it: the request, our name and tags, the proxy user. */
public record BatchSubmission(
    String name,
    String file,
    @Nullable String className,
    List<String> args,
    List<String> jars,
    List<String> pyFiles,
    List<String> files,
    List<String> archives,
    @Nullable String driverMemory,
    @Nullable Integer driverCores,
    @Nullable String executorMemory,
    @Nullable Integer executorCores,
    @Nullable Integer numExecutors,
    @Nullable String queue,
    Map<String, String> conf,
    String proxyUser) {
  public BatchSubmission {
    requireNonNull(name, "name is null");
    requireNonNull(file, "file is null");
    requireNonNull(proxyUser, "proxyUser is null");
    args = List.copyOf(args);
    jars = List.copyOf(jars);
    pyFiles = List.copyOf(pyFiles);
    files = List.copyOf(files);
    archives = List.copyOf(archives);
    conf = Map.copyOf(conf);
  }
}
