package io.yardmaster.web.errors;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What an exception no other handler takes answers. The database out of reach is a 503 {@code
 * UNAVAILABLE} with {@code Retry-After}, logged as one line: the request did nothing that stays
 * (its transaction did not commit, or a retry with the same Idempotency-Key finds what it did), and
 * a client or load balancer should ask again, not report a bug. Anything else is a 500 {@code
 * INTERNAL} with its stack trace in the log, as Micronaut answers it by itself.
 */
@Singleton
public final class UnexpectedExceptionHandler
    implements ExceptionHandler<RuntimeException, HttpResponse<?>> {
  /** Longer than the pool's wait for a connection (3 s, datasources.default.connection-timeout). */
  static final String RETRY_AFTER_SECONDS = "5";

  private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

  private final ErrorResponseProcessor<?> errors;

  public UnexpectedExceptionHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, RuntimeException exception) {
    Optional<String> outage = DatabaseOutage.of(exception);
    if (outage.isPresent()) {
      LOG.warn(
          "{} {}: the database is out of reach, answered 503: {}",
          request.getMethod(),
          request.getPath(),
          outage.get());
      return HttpResponse.<ApiError>status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
          .contentType(MediaType.APPLICATION_JSON_TYPE)
          .body(
              ApiError.of(
                  ApiErrorCode.UNAVAILABLE,
                  "Yardmaster's database is out of reach for now; retry after "
                      + RETRY_AFTER_SECONDS
                      + " s (a submission with the same Idempotency-Key)"));
    }
    LOG.error("Unexpected error occurred: {}", exception.getMessage(), exception);
    return errors.processResponse(
        ErrorContext.builder(request)
            .cause(exception)
            .errorMessage("Internal Server Error")
            .build(),
        HttpResponse.serverError());
  }
}
