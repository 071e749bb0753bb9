package io.yardmaster.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.yardmaster.api.ApiError;
import io.yardmaster.autoscaler.api.AdminGuard;
import io.yardmaster.core.Roles;
import io.yardmaster.http.ApiException;
import jakarta.inject.Singleton;

/**
 * Lets the autoscaler's operations endpoints (pause, bounds, dry run) through only for an admin
 * token: the bearer-token filter has already put the caller on the request.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class CallerAdminGuard implements AdminGuard {
  @Override
  public void requireAdmin(HttpRequest<?> request) {
    request
        .getAttribute(Caller.ATTRIBUTE, Caller.class)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.UNAUTHORIZED,
                    ApiError.of("UNAUTHORIZED", "a bearer token is required")))
        .requireAdmin();
  }
}
