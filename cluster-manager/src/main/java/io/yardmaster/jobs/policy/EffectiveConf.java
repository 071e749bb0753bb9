package io.yardmaster.jobs.policy;

import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.api.SparkBatch;
import io.yardmaster.web.teams.Team;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Spark conf a job will run with on one cluster, layered as Livy will apply it, later layers
 * winning: the cluster's defaults, the team's defaults, the request's conf, the request's sizing
 * fields (Livy applies them after conf), the team's enforced values, the cluster's enforced values.
 * Sizes, quotas and the batch sent to Livy all come from this one map.
 */
public record EffectiveConf(Map<String, String> values) {
  public EffectiveConf {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
  }

  public static EffectiveConf of(ClusterConfig cluster, Team team, SparkBatch batch) {
    Map<String, String> conf = new TreeMap<>(cluster.defaultConf());
    conf.putAll(team.sparkDefaults());
    conf.putAll(BatchFields.callerConf(batch));
    conf.putAll(team.sparkEnforced());
    conf.putAll(cluster.enforcedConf());
    return new EffectiveConf(conf);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(values.get(key));
  }
}
