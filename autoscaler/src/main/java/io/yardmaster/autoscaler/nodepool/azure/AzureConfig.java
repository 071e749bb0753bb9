package io.yardmaster.autoscaler.nodepool.azure;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach Azure Resource Manager, from {@code yardmaster.azure.*}.
 *
 * <p>Production: {@code endpoint} is {@code https://management.azure.com/} (the default) and a
 * service principal's {@code tenant-id}, {@code client-id}, {@code client-secret} are required;
 * give the secret through the environment ({@code YARDMASTER_AZURE_CLIENT_SECRET}). The simulated
 * fleet: {@code endpoint} is the simulator's plain-http ARM emulator, e.g. {@code
 * http://localhost:8080/sim/arm/}, and no credentials are sent. The subscription of each call comes
 * from the scale set's ARM id.
 *
 * @param responseTimeout how long one HTTP call may take before it fails with a timeout
 * @param maxRetries retries of a call on 5xx, 408 and network errors (never on 429)
 * @param retryDelay the first retry delay, doubled on each retry
 */
@ConfigurationProperties(AzureConfig.PREFIX)
public record AzureConfig(
    @Nullable URI endpoint,
    @Nullable String tenantId,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable Duration responseTimeout,
    @Nullable Integer maxRetries,
    @Nullable Duration retryDelay) {

  public static final String PREFIX = "yardmaster.azure";
  public static final URI PUBLIC_CLOUD = URI.create("https://management.azure.com/");

  public AzureConfig {
    endpoint = endpoint == null ? PUBLIC_CLOUD : withTrailingSlash(endpoint);
    String scheme = endpoint.getScheme() == null ? "" : endpoint.getScheme();
    boolean credentials = tenantId != null || clientId != null || clientSecret != null;
    switch (scheme.toLowerCase(Locale.ROOT)) {
      case "https" -> {
        requireText("tenant-id", tenantId);
        requireText("client-id", clientId);
        requireText("client-secret", clientSecret);
      }
      case "http" -> {
        if (credentials) {
          throw new InvalidConfigurationException(
              PREFIX
                  + ".endpoint is plain http ("
                  + endpoint
                  + "): credentials go over https only");
        }
      }
      default ->
          throw new InvalidConfigurationException(
              PREFIX + ".endpoint must be an http(s) URL, got '" + endpoint + "'");
    }
    responseTimeout = positive("response-timeout", responseTimeout, Duration.ofSeconds(30));
    retryDelay = positive("retry-delay", retryDelay, Duration.ofSeconds(1));
    maxRetries = maxRetries == null ? 2 : maxRetries;
    if (maxRetries < 0) {
      throw new InvalidConfigurationException(PREFIX + ".max-retries must not be negative");
    }
  }

  /** Whether calls carry a service principal's token (otherwise: the simulator). */
  public boolean authenticated() {
    return clientSecret != null;
  }

  /** Never prints the client secret. */
  @Override
  public String toString() {
    return "AzureConfig[endpoint="
        + endpoint
        + ", tenantId="
        + tenantId
        + ", clientId="
        + clientId
        + ", clientSecret="
        + (clientSecret == null ? "none" : "****")
        + ", responseTimeout="
        + responseTimeout
        + ", maxRetries="
        + maxRetries
        + ", retryDelay="
        + retryDelay
        + "]";
  }

  private static URI withTrailingSlash(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? uri : URI.create(text + "/");
  }

  private static void requireText(String key, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidConfigurationException(
          PREFIX
              + "."
              + key
              + " is required for an https endpoint (real Azure); for the simulated fleet set "
              + PREFIX
              + ".endpoint to http://localhost:<port>/sim/arm/");
    }
  }

  private static Duration positive(String key, Duration value, Duration defaultValue) {
    if (value == null) {
      return defaultValue;
    }
    if (value.isNegative() || value.isZero()) {
      throw new InvalidConfigurationException(
          PREFIX + "." + key + " must be positive, got " + value);
    }
    return value;
  }
}
