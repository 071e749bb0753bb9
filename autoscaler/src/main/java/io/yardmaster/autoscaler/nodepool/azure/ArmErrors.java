package io.yardmaster.autoscaler.nodepool.azure;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpHeaders;
import com.azure.core.management.exception.ManagementError;
import com.azure.core.management.exception.ManagementException;
import io.yardmaster.autoscaler.nodepool.EtagMismatchException;
import io.yardmaster.autoscaler.nodepool.NodePoolErrorCode;
import io.yardmaster.autoscaler.nodepool.NodePoolException;
import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeoutException;

/** Turns what the Azure SDK throws into a {@link NodePoolException} with a code. */
final class ArmErrors {
  private static final HttpHeaderName RETRY_AFTER_MS = HttpHeaderName.fromString("retry-after-ms");
  private static final HttpHeaderName X_MS_RETRY_AFTER_MS =
      HttpHeaderName.fromString("x-ms-retry-after-ms");

  private final Clock clock;

  ArmErrors(Clock clock) {
    this.clock = clock;
  }

  /**
   * @param action what was being done, for the message
   * @param sentEtag the If-Match of a write, or null
   */
  NodePoolException translate(String action, String sentEtag, RuntimeException failure) {
    HttpResponseException http = find(failure, HttpResponseException.class);
    if (http != null && http.getResponse() != null) {
      return fromResponse(action, sentEtag, http);
    }
    if (find(failure, TimeoutException.class) != null
        || find(failure, HttpTimeoutException.class) != null) {
      return new NodePoolException(
          NodePoolErrorCode.TIMEOUT, null, null, action + " timed out", failure);
    }
    if (find(failure, IOException.class) != null) {
      return new NodePoolException(
          NodePoolErrorCode.NETWORK, null, null, action + ": " + rootMessage(failure), failure);
    }
    throw failure;
  }

  private NodePoolException fromResponse(
      String action, String sentEtag, HttpResponseException failure) {
    int status = failure.getResponse().getStatusCode();
    String cloudCode = null;
    String cloudMessage = failure.getMessage();
    if (failure instanceof ManagementException management && management.getValue() != null) {
      ManagementError error = management.getValue();
      cloudCode = error.getCode();
      cloudMessage = error.getMessage();
    }
    String message = action + " got HTTP " + status + " " + cloudCode + ": " + cloudMessage;
    if (status == 412) {
      return new EtagMismatchException(sentEtag, cloudCode, message, failure);
    }
    NodePoolErrorCode code = codeOf(status);
    Duration retryAfter = retryAfter(failure.getResponse().getHeaders());
    return new NodePoolException(code, cloudCode, retryAfter, message, failure);
  }

  static NodePoolErrorCode codeOf(int status) {
    if (status == 429) {
      return NodePoolErrorCode.THROTTLED;
    }
    if (status == 408) {
      return NodePoolErrorCode.TIMEOUT;
    }
    if (status >= 500) {
      return NodePoolErrorCode.SERVER_ERROR;
    }
    return switch (status) {
      case 401, 403 -> NodePoolErrorCode.UNAUTHORIZED;
      case 404 -> NodePoolErrorCode.NOT_FOUND;
      case 409 -> NodePoolErrorCode.CONFLICT;
      default -> NodePoolErrorCode.BAD_REQUEST;
    };
  }

  /** Retry-After in seconds or as an HTTP date, or the millisecond variants ARM also sends. */
  Duration retryAfter(HttpHeaders headers) {
    for (HttpHeaderName name : new HttpHeaderName[] {RETRY_AFTER_MS, X_MS_RETRY_AFTER_MS}) {
      String millis = headers.getValue(name);
      if (millis != null) {
        try {
          return Duration.ofMillis(Long.parseLong(millis.trim()));
        } catch (NumberFormatException e) {
          // fall through to Retry-After
        }
      }
    }
    String value = headers.getValue(HttpHeaderName.RETRY_AFTER);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.trim()));
    } catch (NumberFormatException notSeconds) {
      try {
        OffsetDateTime at =
            OffsetDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration wait = Duration.between(clock.instant(), at.toInstant());
        return wait.isNegative() ? Duration.ZERO : wait;
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
