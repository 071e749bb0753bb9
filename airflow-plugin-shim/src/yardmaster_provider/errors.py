"""What can go wrong talking to Yardmaster, told apart by what the task should do about it.

A refusal (a 4xx) fails the task at once: retrying the same request gets the same answer, so these
are ``AirflowFailException``s and Airflow's retries are not spent on them. Transient trouble
(connection errors, 5xx, 429) is retried with backoff inside the hook; only when that budget is
spent does ``YardmasterUnavailable`` fail the try, and the next try reattaches to the same job.
"""

from __future__ import annotations

from collections.abc import Sequence

from yardmaster_provider._compat import AirflowException, AirflowFailException


class YardmasterRefused(AirflowFailException):
    """Yardmaster answered 4xx; ``code`` and ``message`` are its own (``{"code","message","details"}``)."""

    def __init__(self, status: int, code: str, message: str, details: Sequence[str] = ()) -> None:
        self.status = status
        self.code = code
        self.message = message
        self.details = tuple(details)
        text = f"Yardmaster refused the request ({status} {code}): {message}"
        if self.details:
            text += f" [{', '.join(self.details)}]"
        super().__init__(text)


class YardmasterAuthError(YardmasterRefused):
    """401 / 403: the connection's password is not a token Yardmaster accepts for this."""

    def __init__(self, status: int, code: str, message: str, conn_id: str) -> None:
        super().__init__(status, code, message)
        what = "is not a valid team token" if status == 401 else "does not allow this request"
        self.args = (
            f"Yardmaster refused the token of connection '{conn_id}' ({status} {code}: {message}): "
            f"the connection's password {what}. Set it to a token from POST /api/v1/tokens.",
        )


class IdempotencyConflict(YardmasterRefused):
    """409 IDEMPOTENCY_KEY_REUSED: the key holds a job made from a different request."""


class YardmasterUnavailable(AirflowException):
    """Yardmaster could not be reached, or kept answering 5xx, for longer than the retry budget."""
