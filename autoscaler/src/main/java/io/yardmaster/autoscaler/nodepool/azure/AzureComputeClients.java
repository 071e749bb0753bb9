package io.yardmaster.autoscaler.nodepool.azure;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.AddDatePolicy;
import com.azure.core.http.policy.AddHeadersPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.http.policy.ArmChallengeAuthenticationPolicy;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Azure compute SDK, one {@link ComputeManager} per subscription over one HTTP pipeline: the
 * JDK HTTP client (no second Netty), a retry policy that leaves 429 to the caller, and either a
 * service principal's bearer token (https, real Azure) or no credentials (the plain-http simulator,
 * where the SDK's bearer policy would refuse to run).
 */
@Singleton
public final class AzureComputeClients {
  private static final String USER_AGENT = "yardmaster-autoscaler";
  private static final String[] LOCAL_ENDPOINT_KEYS = {
    "resourceManagerEndpointUrl",
    "managementEndpointUrl",
    "activeDirectoryEndpointUrl",
    "activeDirectoryResourceId",
    "activeDirectoryGraphResourceId",
    "microsoftGraphResourceId"
  };

  private final AzureConfig config;
  private final AzureEnvironment environment;
  private final HttpPipeline pipeline;
  private final Map<String, ComputeManager> managers = new ConcurrentHashMap<>();

  public AzureComputeClients(AzureConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.environment = environment(config);
    this.pipeline = pipeline(config, environment);
  }

  /** The compute manager of one subscription. */
  public ComputeManager manager(String subscriptionId) {
    return managers.computeIfAbsent(
        subscriptionId,
        id ->
            ComputeManager.authenticate(
                pipeline, new AzureProfile(config.tenantId(), id, environment)));
  }

  AzureConfig config() {
    return config;
  }

  private static AzureEnvironment environment(AzureConfig config) {
    String endpoint = config.endpoint().toString();
    if (endpoint.equals(AzureConfig.PUBLIC_CLOUD.toString())) {
      return AzureEnvironment.AZURE;
    }
    // The SDK appends "/subscriptions/..." to the endpoint's path: no trailing slash here.
    String base = endpoint.substring(0, endpoint.length() - 1);
    Map<String, String> endpoints = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
    endpoints.put("resourceManagerEndpointUrl", base);
    if (!config.authenticated()) {
      // The simulator: nothing may leak to the real cloud's login or graph endpoints.
      for (String key : LOCAL_ENDPOINT_KEYS) {
        endpoints.put(key, base);
      }
    }
    return new AzureEnvironment(endpoints);
  }

  private static HttpPipeline pipeline(AzureConfig config, AzureEnvironment environment) {
    HttpClient httpClient =
        new JdkHttpClientBuilder()
            .connectionTimeout(config.responseTimeout())
            .responseTimeout(config.responseTimeout())
            .readTimeout(config.responseTimeout())
            .build();
    List<HttpPipelinePolicy> policies = new ArrayList<>();
    policies.add(new UserAgentPolicy(USER_AGENT));
    policies.add(new RequestIdPolicy());
    policies.add(new RetryPolicy(new ArmRetryStrategy(config.maxRetries(), config.retryDelay())));
    policies.add(new AddDatePolicy());
    if (config.authenticated()) {
      TokenCredential credential =
          new ClientSecretCredentialBuilder()
              .tenantId(config.tenantId())
              .clientId(config.clientId())
              .clientSecret(config.clientSecret())
              .authorityHost(environment.getActiveDirectoryEndpoint())
              .httpClient(httpClient)
              .build();
      policies.add(
          new ArmChallengeAuthenticationPolicy(credential, config.endpoint() + ".default"));
    } else {
      policies.add(
          new AddHeadersPolicy(
              new HttpHeaders().set(HttpHeaderName.AUTHORIZATION, "Bearer simulator")));
    }
    return new HttpPipelineBuilder()
        .httpClient(httpClient)
        .policies(policies.toArray(HttpPipelinePolicy[]::new))
        .build();
  }
}
