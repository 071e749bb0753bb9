package io.yardmaster.autoscaler.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.yardmaster.web.docs.OpenApiPart;
import jakarta.inject.Singleton;

/**
 * The autoscaler's (pools, decisions) share of the served OpenAPI document: micronaut-openapi
 * compiles this module's controllers, with their Javadoc, into {@code
 * META-INF/swagger/yardmaster-autoscaler-v1.yml}.
 */
@Singleton
@OpenAPIDefinition(info = @Info(title = "yardmaster-autoscaler", version = "v1"))
public final class AutoscalerApiDocument implements OpenApiPart {
  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-autoscaler");
  }
}
