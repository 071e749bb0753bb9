package io.yardmaster.api;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The JSON body of every 4xx this API answers: a stable code, a sentence for people, and the fields
 * or keys at fault.
 */
@Serdeable
public record ApiError(String code, String message, List<String> details) {
  public ApiError {
    requireNonNull(code, "code is null");
    requireNonNull(message, "message is null");
    details = details == null ? List.of() : List.copyOf(details);
  }

  public static ApiError of(String code, String message) {
    return new ApiError(code, message, List.of());
  }
}
