package io.yardmaster;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts Yardmaster with the roles its configuration switches on (all of them by default). */
@OpenAPIDefinition(
    info =
        @Info(
            title = "Yardmaster",
            version = "v1",
            description =
                "Control plane between Apache Airflow and a fleet of Spark clusters"
                    + " (Livy, YARN, Azure VM scale sets)."))
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
