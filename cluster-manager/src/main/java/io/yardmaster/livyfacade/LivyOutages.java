package io.yardmaster.livyfacade;

import io.micronaut.data.exceptions.DataAccessException;
import io.yardmaster.jobs.store.JobStoreException;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database failure under {@code /livy} is a 503 with a Livy-style JSON body, never a 500: the
 * stock async Livy hook retries a 5xx and fails the task at once on a 4xx, and a database that is
 * away for a moment is the very fault worth retrying. The failure itself goes to the log, never
 * into the answer.
 */
final class LivyOutages {
  private static final Logger LOG = LoggerFactory.getLogger(LivyOutages.class);

  private LivyOutages() {}

  static <T> T guard(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (ApiException e) {
      throw e;
    } catch (RuntimeException e) {
      if (!fromDatabase(e)) {
        throw e;
      }
      LOG.warn("Livy facade: the database failed to {}; answered 503", what, e);
      throw new ApiException(
          ApiErrorCode.UNAVAILABLE,
          "Yardmaster's database cannot be reached for now; retry later",
          List.of());
    }
  }

  /**
   * Whether {@code failure} is the database's: our stores' wrapper, Micronaut Data's, or JDBC's.
   */
  static boolean fromDatabase(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof JobStoreException
          || cause instanceof DataAccessException
          || cause instanceof SQLException
          || cause.getClass().getSimpleName().equals("CannotGetJdbcConnectionException")) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }
}
