package io.yardmaster.cost.api;

import io.micronaut.context.annotation.Requires;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.yardmaster.core.Roles;
import io.yardmaster.web.docs.OpenApiPart;
import jakarta.inject.Singleton;

/**
 * The cost API's share of the served OpenAPI document: micronaut-openapi compiles this module's
 * controllers, with their Javadoc, into {@code META-INF/swagger/yardmaster-cost-v1.yml}.
 */
@Singleton
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
@OpenAPIDefinition(info = @Info(title = "yardmaster-cost", version = "v1"))
public final class CostApiDocument implements OpenApiPart {
  /** The cost role's switch. */
  public static final String ROLE = Roles.COST;

  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-cost");
  }
}
