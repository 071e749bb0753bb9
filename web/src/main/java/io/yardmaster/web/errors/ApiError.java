package io.yardmaster.web.errors;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.core.Texts;
import java.util.List;

/**
 * The JSON body of every error this API answers (ADR 0004): a stable code, a sentence for people,
 * and the fields or keys at fault. Texts are bounded, so that no input can make an answer huge.
 */
@Serdeable
@Schema(name = "ApiError", description = "Every 4xx and 5xx body: branch on code, show message")
public record ApiError(
    ApiErrorCode code,
    @Schema(maxLength = ApiError.MAX_MESSAGE) String message,
    @Schema(description = "the fields, keys or reasons at fault (at most 50)")
        List<String> details) {
  public static final int MAX_MESSAGE = 2000;
  public static final int MAX_DETAILS = 50;
  static final int MAX_DETAIL = 500;

  public ApiError {
    requireNonNull(code, "code is null");
    requireNonNull(message, "message is null");
    message = Texts.bounded(message, MAX_MESSAGE);
    details =
        details == null
            ? List.of()
            : details.stream()
                .limit(MAX_DETAILS)
                .map(detail -> Texts.bounded(String.valueOf(detail), MAX_DETAIL))
                .toList();
  }

  public static ApiError of(ApiErrorCode code, String message) {
    return new ApiError(code, message, List.of());
  }
}
