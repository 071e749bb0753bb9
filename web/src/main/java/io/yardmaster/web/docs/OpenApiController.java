package io.yardmaster.web.docs;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;

/**
 * Serves the OpenAPI document without a token (it describes the API, it holds no data): the parts
 * of the modules in this application, merged by {@link OpenApiDocuments} once at start.
 */
@Controller("/openapi")
@Hidden
public final class OpenApiController {
  static final String YAML = "application/yaml";

  private final String document;

  public OpenApiController(List<OpenApiPart> parts) {
    this.document =
        OpenApiDocuments.yaml(
            OpenApiDocuments.load(OpenApiController.class.getClassLoader(), parts));
  }

  @Get(uri = "/" + OpenApiDocuments.FILE, produces = YAML)
  public String document() {
    return document;
  }
}
