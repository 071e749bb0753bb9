package io.yardmaster.web.errors;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.web.router.RouteAttributes;
import io.yardmaster.web.auth.BearerTokenFilter;
import java.util.List;
import java.util.Map;

/**
 * A query parameter given without a value ({@code ?size=}) is a 400 naming it: Micronaut would bind
 * it as absent, so {@code ?page=} would silently mean the first page and a typo would pass.
 */
@ServerFilter({"/api/**", BearerTokenFilter.LIVY})
@Order(BearerTokenFilter.ORDER + 1)
public final class EmptyParameterFilter {
  @RequestFilter
  @Nullable
  public HttpResponse<ApiError> refuseEmpty(HttpRequest<?> request) {
    if (RouteAttributes.getRouteMatch(request).isEmpty()) {
      return null; // no such operation: the router answers 404 or 405
    }
    for (Map.Entry<String, List<String>> parameter : request.getParameters()) {
      if (parameter.getValue().stream().anyMatch(String::isEmpty)) {
        return HttpResponse.<ApiError>status(HttpStatus.BAD_REQUEST)
            .contentType(MediaType.APPLICATION_JSON_TYPE)
            .body(
                new ApiError(
                    ApiErrorCode.INVALID_PARAMETER,
                    "query parameter " + parameter.getKey() + " has no value: leave it out instead",
                    List.of(parameter.getKey())));
      }
    }
    return null;
  }
}
