package io.yardmaster.web.auth.oidc;

import static java.util.Objects.requireNonNull;

import io.yardmaster.web.errors.ApiErrorCode;

/**
 * Why a JWT was not accepted: the reason (its wire word goes in the answer's {@code details}) and a
 * sentence for people. Neither ever holds the token.
 */
public record Refusal(Reason reason, String message) {
  public Refusal {
    requireNonNull(reason, "reason is null");
    requireNonNull(message, "message is null");
  }

  /** Each reason, with the code it is answered with. */
  public enum Reason {
    MALFORMED("malformed", ApiErrorCode.TOKEN_INVALID),
    ALGORITHM_REFUSED("algorithm-refused", ApiErrorCode.TOKEN_INVALID),
    WRONG_ISSUER("wrong-issuer", ApiErrorCode.TOKEN_INVALID),
    UNKNOWN_KEY("unknown-key", ApiErrorCode.TOKEN_INVALID),
    KEYS_UNAVAILABLE("keys-unavailable", ApiErrorCode.TOKEN_INVALID),
    BAD_SIGNATURE("bad-signature", ApiErrorCode.TOKEN_INVALID),
    EXPIRED("expired", ApiErrorCode.TOKEN_EXPIRED),
    NOT_YET_VALID("not-yet-valid", ApiErrorCode.TOKEN_INVALID),
    WRONG_AUDIENCE("wrong-audience", ApiErrorCode.TOKEN_INVALID),
    MISSING_CLAIM("missing-claim", ApiErrorCode.TOKEN_INVALID),
    MISSING_TEAM_CLAIM("missing-team-claim", ApiErrorCode.TOKEN_INVALID),
    TEAM_AMBIGUOUS("team-ambiguous", ApiErrorCode.TEAM_AMBIGUOUS),
    TEAM_NOT_REGISTERED("team-not-registered", ApiErrorCode.TEAM_NOT_REGISTERED);

    private final String word;
    private final ApiErrorCode code;

    Reason(String word, ApiErrorCode code) {
      this.word = word;
      this.code = code;
    }

    /** How the reason is named in an answer's {@code details}. */
    public String word() {
      return word;
    }

    public ApiErrorCode code() {
      return code;
    }
  }
}
