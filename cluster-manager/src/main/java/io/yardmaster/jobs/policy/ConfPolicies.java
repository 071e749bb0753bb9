package io.yardmaster.jobs.policy;

import io.micronaut.context.annotation.Context;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.core.registry.InvalidConfigurationException;
import io.yardmaster.core.spark.DeniedKeys;
import io.yardmaster.core.spark.KeyPattern;
import io.yardmaster.core.spark.SparkConfKeys;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every cluster's {@link ConfPolicy}, built at start-up from {@code yardmaster.conf-policies.*} so
 * that a bad policy, or a cluster whose own Spark defaults set a reserved key, stops the start with
 * a message naming the key.
 */
@Context
public final class ConfPolicies {
  private final Map<String, ConfPolicy> byCluster = new HashMap<>();

  public ConfPolicies(ClusterRegistry registry, List<ConfPolicyConfig> configs) {
    Map<String, ConfPolicyConfig> byName = new HashMap<>();
    for (ConfPolicyConfig config : configs) {
      if (!config.name().equals(ConfPolicyConfig.DEFAULT)
          && registry.cluster(config.name()).isEmpty()) {
        throw new InvalidConfigurationException(
            ConfPolicyConfig.PREFIX
                + "."
                + config.name()
                + " names no cluster; known: "
                + registry.clusters().stream().map(ClusterConfig::name).toList()
                + " (or 'default')");
      }
      byName.put(config.name(), config);
    }
    ConfPolicyConfig defaults = byName.get(ConfPolicyConfig.DEFAULT);
    for (ClusterConfig cluster : registry.clusters()) {
      checkOperatorConf(cluster);
      byCluster.put(cluster.name(), build(cluster.name(), byName.get(cluster.name()), defaults));
    }
  }

  public ConfPolicy of(String cluster) {
    return Optional.ofNullable(byCluster.get(cluster))
        .orElseThrow(() -> new IllegalArgumentException("no cluster " + cluster));
  }

  private static ConfPolicy build(String cluster, ConfPolicyConfig own, ConfPolicyConfig base) {
    String key = ConfPolicyConfig.PREFIX + "." + (own != null ? cluster : "default") + ".";
    String mode = pick(own, base, ConfPolicyConfig::mode, "deny-list");
    ConfPolicy.Mode parsed =
        switch (mode.trim().toLowerCase(Locale.ROOT)) {
          case "deny-list" -> ConfPolicy.Mode.DENY_LIST;
          case "allow-list" -> ConfPolicy.Mode.ALLOW_LIST;
          default ->
              throw new InvalidConfigurationException(
                  key + "mode must be deny-list or allow-list, got '" + mode + "'");
        };
    return new ConfPolicy(
        cluster,
        parsed,
        globs(key + "denied-keys", pick(own, base, ConfPolicyConfig::deniedKeys, List.of())),
        globs(key + "allowed-keys", pick(own, base, ConfPolicyConfig::allowedKeys, List.of())),
        globs(key + "exempted-keys", pick(own, base, ConfPolicyConfig::exemptedKeys, List.of())),
        new FilePolicy(
            pick(own, base, ConfPolicyConfig::allowedFilePrefixes, FilePolicy.DEFAULT_PREFIXES)));
  }

  private static <T> T pick(
      ConfPolicyConfig own,
      ConfPolicyConfig base,
      java.util.function.Function<ConfPolicyConfig, T> field,
      T fallback) {
    if (own != null && field.apply(own) != null) {
      return field.apply(own);
    }
    if (base != null && field.apply(base) != null) {
      return field.apply(base);
    }
    return fallback;
  }

  private static List<KeyPattern> globs(String key, List<String> globs) {
    for (String glob : globs) {
      String probe = glob == null ? "" : glob.replace("*", "x");
      if (SparkConfKeys.keyProblem(probe).isPresent()) {
        throw new InvalidConfigurationException(
            key + " entries are conf keys, '*' standing for any characters; got '" + glob + "'");
      }
    }
    return globs.stream().map(KeyPattern::of).toList();
  }

  /** A cluster's own defaults and enforced values may not take what Yardmaster sets. */
  private static void checkOperatorConf(ClusterConfig cluster) {
    Map<String, String> conf = new HashMap<>(cluster.defaultConf());
    conf.putAll(cluster.enforcedConf());
    for (String confKey : conf.keySet()) {
      KeyPattern reserved = DeniedKeys.firstMatch(DeniedKeys.RESERVED, confKey);
      if (reserved != null) {
        throw new InvalidConfigurationException(
            ClusterConfig.PREFIX
                + "."
                + cluster.name()
                + ".spark-defaults/spark-enforced may not set "
                + confKey
                + ": Yardmaster sets it ("
                + reserved
                + ")");
      }
    }
  }
}
