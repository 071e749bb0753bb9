package io.yardmaster.autoscaler.api;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Secondary;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.exceptions.HttpStatusException;
import io.yardmaster.core.Roles;
import jakarta.inject.Singleton;

/** Until an application wires its own {@link AdminGuard}: no one is an admin (fail closed). */
@Singleton
@Secondary
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class DenyingAdminGuard implements AdminGuard {
  @Override
  public void requireAdmin(HttpRequest<?> request) {
    throw new HttpStatusException(
        HttpStatus.FORBIDDEN, "autoscaler operations need an admin, and no admin check is wired");
  }
}
