package io.yardmaster.cost;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.yardmaster.web.docs.OpenApiPart;
import jakarta.inject.Singleton;

/**
 * The cost module's share of the served OpenAPI document: micronaut-openapi compiles this module's
 * controllers, with their Javadoc, into {@code META-INF/swagger/yardmaster-cost-v1.yml}.
 */
@Singleton
@OpenAPIDefinition(info = @Info(title = "yardmaster-cost", version = "v1"))
public final class CostApiDocument implements OpenApiPart {
  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-cost");
  }
}
