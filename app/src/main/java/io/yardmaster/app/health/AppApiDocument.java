package io.yardmaster.app.health;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.yardmaster.web.docs.OpenApiPart;
import jakarta.inject.Singleton;

/**
 * The application's own (admin health) share of the served OpenAPI document: micronaut-openapi
 * compiles this module's controllers, with their Javadoc, into {@code
 * META-INF/swagger/yardmaster-app-v1.yml}.
 */
@Singleton
@OpenAPIDefinition(info = @Info(title = "yardmaster-app", version = "v1"))
public final class AppApiDocument implements OpenApiPart {
  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-app");
  }
}
