package io.yardmaster.autoscaler.nodepool.azure;

import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RetryStrategy;
import java.time.Duration;

/**
 * Retries 408, 5xx (but 501, 505) and network errors with exponential backoff, and never 429: a
 * throttled write goes back to the autoscaler with its Retry-After, so that the loop, not a blocked
 * thread, waits out the scale set's write budget.
 */
final class ArmRetryStrategy implements RetryStrategy {
  private final ExponentialBackoff backoff;

  ArmRetryStrategy(int maxRetries, Duration baseDelay) {
    this.backoff = new ExponentialBackoff(maxRetries, baseDelay, baseDelay.multipliedBy(16));
  }

  @Override
  public int getMaxRetries() {
    return backoff.getMaxRetries();
  }

  @Override
  public Duration calculateRetryDelay(int retryAttempts) {
    return backoff.calculateRetryDelay(retryAttempts);
  }

  @Override
  public boolean shouldRetry(HttpResponse response) {
    int status = response.getStatusCode();
    return status == 408 || (status >= 500 && status != 501 && status != 505);
  }
}
