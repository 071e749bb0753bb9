package io.yardmaster.web.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /api/v1/tokens}: a team token names its team; an admin token none. A
 * token expires at {@code expiresAt}, or after {@code yardmaster.auth.max-token-lifetime} when that
 * is set and nothing earlier is asked.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TokenRequest(
    @Nullable Role role,
    @Nullable @Schema(maxLength = 63) String team,
    @Nullable @Schema(maxLength = TokenRequest.MAX_DESCRIPTION) String description,
    @Nullable @Schema(description = "when the token stops working; default never (or the max)")
        Instant expiresAt) {
  static final int MAX_DESCRIPTION = 200;

  /** What is wrong with this request at {@code now}; empty when it is fine. */
  List<String> problems(Instant now, AuthConfig config) {
    List<String> problems = new ArrayList<>();
    if (description != null
        && (description.length() > MAX_DESCRIPTION || description.chars().anyMatch(c -> c < 32))) {
      problems.add(
          "description: at most " + MAX_DESCRIPTION + " characters, no control characters");
    }
    if (expiresAt != null && !expiresAt.isAfter(now)) {
      problems.add("expiresAt: must be in the future, got " + expiresAt);
    }
    Duration max = config.maxTokenLifetime();
    if (expiresAt != null && max != null && expiresAt.isAfter(now.plus(max))) {
      problems.add(
          "expiresAt: at most "
              + max
              + " from now (yardmaster.auth.max-token-lifetime), got "
              + expiresAt);
    }
    return problems;
  }

  /** When the token expires: as asked, else after the maximum lifetime, else never (null). */
  @Nullable
  Instant expiresAt(Instant now, AuthConfig config) {
    if (expiresAt != null) {
      return expiresAt;
    }
    return config.maxTokenLifetime() == null ? null : now.plus(config.maxTokenLifetime());
  }
}
