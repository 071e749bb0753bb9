package io.yardmaster;

import io.micronaut.openapi.annotation.OpenAPIInclude;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/**
 * Starts Yardmaster with the roles its configuration switches on (all of them by default).
 *
 * <p>The OpenAPI document ({@code META-INF/swagger/yardmaster-v1.yml}, served at {@code /openapi})
 * is generated when this module compiles; the autoscaler's controllers are compiled in their own
 * module, so {@link OpenAPIInclude} has the processor read them from the class path too.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Yardmaster",
            version = "v1",
            description =
                "Control plane between Apache Airflow and a fleet of Spark clusters"
                    + " (Livy, YARN, Azure VM scale sets)."))
@OpenAPIInclude(
    packages = {
      "io.yardmaster.web.auth",
      "io.yardmaster.web.teams",
      "io.yardmaster.autoscaler.api"
    })
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
