package io.yardmaster.jobs.policy;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A cluster's conf and file policy, bound from {@code yardmaster.conf-policies.<cluster>.*}; the
 * entry named {@code default} applies to every cluster for what its own entry leaves out.
 *
 * @param mode {@code deny-list} (default: every key not denied is allowed) or {@code allow-list}
 *     (only keys matching {@code allowed-keys})
 * @param deniedKeys keys or globs refused beside the built-in defaults
 * @param allowedKeys in allow-list mode, the keys or globs a caller may set
 * @param exemptedKeys built-in default denials this cluster lifts (never the reserved keys)
 * @param allowedFilePrefixes where the application, jars, files, pyFiles and archives may come
 *     from, e.g. {@code abfss://}, {@code hdfs://}, {@code local:}
 */
@EachProperty(ConfPolicyConfig.PREFIX)
public record ConfPolicyConfig(
    @Parameter String name,
    @Nullable String mode,
    @Nullable List<String> deniedKeys,
    @Nullable List<String> allowedKeys,
    @Nullable List<String> exemptedKeys,
    @Nullable List<String> allowedFilePrefixes) {
  public static final String PREFIX = "yardmaster.conf-policies";
  public static final String DEFAULT = "default";
}
