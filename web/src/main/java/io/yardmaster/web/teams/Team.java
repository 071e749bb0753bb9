package io.yardmaster.web.teams;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * A team: the Livy proxy user its jobs run as (never the caller's choice), its quotas, its priority
 * (higher starts first) and its Spark conf policy: defaults a job may override and values it may
 * not.
 */
@Serdeable
@MappedEntity("team")
public record Team(
    @Id String name,
    String proxyUser,
    int priority,
    int maxRunningJobs,
    int maxCores,
    long maxMemoryMb,
    @Nullable @TypeDef(type = DataType.STRING, converter = SparkConfColumn.class)
        Map<String, String> sparkDefaults,
    @Nullable @TypeDef(type = DataType.STRING, converter = SparkConfColumn.class)
        Map<String, String> sparkEnforced,
    Instant createdAt) {
  @Creator
  public Team {
    requireNonNull(name, "name is null");
    requireNonNull(proxyUser, "proxyUser is null");
    requireNonNull(createdAt, "createdAt is null");
    sparkDefaults = sparkDefaults == null ? Map.of() : Map.copyOf(sparkDefaults);
    sparkEnforced = sparkEnforced == null ? Map.of() : Map.copyOf(sparkEnforced);
  }

  /** A team without a Spark conf policy. */
  public Team(
      String name,
      String proxyUser,
      int priority,
      int maxRunningJobs,
      int maxCores,
      long maxMemoryMb,
      Instant createdAt) {
    this(
        name,
        proxyUser,
        priority,
        maxRunningJobs,
        maxCores,
        maxMemoryMb,
        Map.of(),
        Map.of(),
        createdAt);
  }
}
