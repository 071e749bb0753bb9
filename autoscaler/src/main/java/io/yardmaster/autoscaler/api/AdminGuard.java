package io.yardmaster.autoscaler.api;

import io.micronaut.http.HttpRequest;

/**
 * Decides whether a request may use the autoscaler's operations endpoints (pause, bounds, dry run):
 * the admin role. The application module replaces {@link DenyingAdminGuard} with one that reads its
 * bearer-token caller.
 */
public interface AdminGuard {
  /**
   * @throws io.micronaut.http.exceptions.HttpStatusException 401 or 403 when not an admin
   */
  void requireAdmin(HttpRequest<?> request);
}
