package io.yardmaster.web.docs;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import jakarta.inject.Singleton;

/**
 * The web layer's (tokens, teams) share of the served OpenAPI document: micronaut-openapi compiles
 * this module's controllers, with their Javadoc, into {@code
 * META-INF/swagger/yardmaster-web-v1.yml}.
 */
@Singleton
@OpenAPIDefinition(info = @Info(title = "yardmaster-web", version = "v1"))
public final class WebApiDocument implements OpenApiPart {
  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-web");
  }
}
