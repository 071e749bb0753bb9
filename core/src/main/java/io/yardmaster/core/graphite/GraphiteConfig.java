package io.yardmaster.core.graphite;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where the fleet's YARN metrics are read: the Graphite render API that the ResourceManagers'
 * GraphiteSink feeds. Bound from {@code yardmaster.graphite.*}; absent url = no Graphite.
 */
@ConfigurationProperties(GraphiteConfig.PREFIX)
public record GraphiteConfig(@Nullable URI url, @Nullable Duration sinkPeriod) {
  public static final String PREFIX = "yardmaster.graphite";

  public GraphiteConfig {
    if (url != null) {
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
        throw new InvalidConfigurationException(
            PREFIX + ".url must be an absolute http(s) URL, got '" + url + "'");
      }
    }
    sinkPeriod = sinkPeriod == null ? Duration.ofSeconds(10) : sinkPeriod;
    if (sinkPeriod.isNegative() || sinkPeriod.isZero()) {
      throw new InvalidConfigurationException(PREFIX + ".sink-period must be positive");
    }
  }

  public boolean configured() {
    return url != null;
  }
}
