package io.yardmaster.core.peer;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.time.Duration;

/**
 * How long a request to a peer (Livy, a ResourceManager, a NodeManager, Graphite) may take, bound
 * from {@code yardmaster.peers.*}.
 *
 * @param connectTimeout how long to wait for the TCP (and TLS) connection (default 5 s); a request
 *     that could not connect in time was not sent
 * @param readTimeout the whole exchange of a GET (default 10 s): the reads of every loop
 * @param writeTimeout the whole exchange of a POST, PUT or DELETE (default 30 s): a Livy
 *     submission, a kill
 * @param probeTimeout the whole exchange of a health probe (default 3 s)
 */
@ConfigurationProperties(PeerConfig.PREFIX)
public record PeerConfig(
    @Nullable Duration connectTimeout,
    @Nullable Duration readTimeout,
    @Nullable Duration writeTimeout,
    @Nullable Duration probeTimeout) {
  public static final String PREFIX = "yardmaster.peers";

  public PeerConfig {
    connectTimeout = positive("connect-timeout", connectTimeout, Duration.ofSeconds(5));
    readTimeout = positive("read-timeout", readTimeout, Duration.ofSeconds(10));
    writeTimeout = positive("write-timeout", writeTimeout, Duration.ofSeconds(30));
    probeTimeout = positive("probe-timeout", probeTimeout, Duration.ofSeconds(3));
  }

  public static PeerConfig defaults() {
    return new PeerConfig(null, null, null, null);
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    Duration result = value == null ? fallback : value;
    if (result.isZero() || result.isNegative()) {
      throw new InvalidConfigurationException(PREFIX + "." + key + " must be positive");
    }
    return result;
  }
}
