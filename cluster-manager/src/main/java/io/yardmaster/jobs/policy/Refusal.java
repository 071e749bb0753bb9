package io.yardmaster.jobs.policy;

import static java.util.Objects.requireNonNull;

import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.util.List;

/** Why a cluster will not take a job: a code, a sentence and the fields at fault. */
public record Refusal(ApiErrorCode code, String message, List<String> details) {
  public Refusal {
    requireNonNull(code, "code is null");
    requireNonNull(message, "message is null");
    details = List.copyOf(details);
  }

  /** The 400 the API answers with. */
  public ApiException asBadRequest() {
    return ApiException.badRequest(code, message, details);
  }

  /** One line for a stored reason. */
  public String describe() {
    return message + (details.isEmpty() ? "" : ": " + String.join("; ", details));
  }
}
