package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.yardmaster.web.auth.BearerTokenFilter;
import io.yardmaster.web.errors.ApiError;

/**
 * Every error under {@code /livy} (the facade's own, the token filter's 401, Micronaut's 400, 404,
 * 406 and 413) carries Livy's {@code msg} beside the {@link ApiError} fields: Livy clients print
 * {@code msg}, everyone else branches on {@code code}. Runs around the token filter, so that its
 * refusals are rewritten too.
 */
@ServerFilter("/livy/**")
@Order(BearerTokenFilter.ORDER - 10)
public final class LivyErrors {
  @ResponseFilter
  public void withMsg(MutableHttpResponse<?> response) {
    if (response.getBody().orElse(null) instanceof ApiError error) {
      response.body(LivyViews.Error.of(error));
    }
  }
}
