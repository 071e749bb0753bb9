package io.yardmaster.autoscaler.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import jakarta.inject.Singleton;

/** Tests' stand-in for the application's token check: admin when {@code X-Test-Admin: yes}. */
@Singleton
@Requires(property = HeaderAdminGuard.ENABLED, value = "true")
public final class HeaderAdminGuard implements AdminGuard {
  public static final String ENABLED = "yardmaster.test.header-admin-guard";
  public static final String HEADER = "X-Test-Admin";

  @Override
  public void requireAdmin(HttpRequest<?> request) {
    if (!"yes".equals(request.getHeaders().get(HEADER))) {
      throw new HttpStatusException(HttpStatus.FORBIDDEN, "admin only");
    }
  }
}
