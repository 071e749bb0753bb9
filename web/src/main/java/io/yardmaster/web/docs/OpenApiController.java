package io.yardmaster.web.docs;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;

/**
 * Serves the OpenAPI document without a token (it describes the API, it holds no data), as {@link
 * OpenApiDocuments} completes it once at start.
 */
@Controller("/openapi")
@Hidden
public final class OpenApiController {
  static final String YAML = "application/yaml";

  private final String document =
      OpenApiDocuments.yaml(OpenApiDocuments.load(OpenApiController.class.getClassLoader()));

  @Get(uri = "/yardmaster-v1.yml", produces = YAML)
  public String document() {
    return document;
  }
}
