package io.yardmaster.jobs.api;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.yardmaster.web.docs.OpenApiPart;
import jakarta.inject.Singleton;

/**
 * The jobs feature's (jobs, clusters) share of the served OpenAPI document: micronaut-openapi
 * compiles this module's controllers, with their Javadoc, into {@code
 * META-INF/swagger/yardmaster-jobs-v1.yml}.
 */
@Singleton
@OpenAPIDefinition(info = @Info(title = "yardmaster-jobs", version = "v1"))
public final class JobsApiDocument implements OpenApiPart {
  @Override
  public String resource() {
    return OpenApiPart.resourceOf("yardmaster-jobs");
  }
}
