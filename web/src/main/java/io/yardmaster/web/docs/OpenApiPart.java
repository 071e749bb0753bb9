package io.yardmaster.web.docs;

/**
 * One module's share of the API document: each module that serves {@code /api} compiles its own
 * controllers' OpenAPI (with their Javadoc) into {@link #resource()}, and declares it as a bean.
 * {@link OpenApiDocuments} merges the parts of the modules on the class path into the served
 * document, so a feature joins the document by being in the application, with nothing to list.
 */
public interface OpenApiPart {
  /** The class-path resource micronaut-openapi wrote: {@code META-INF/swagger/<title>-v1.yml}. */
  String resource();

  /** The part of the module whose {@code @OpenAPIDefinition} title is {@code title}. */
  static String resourceOf(String title) {
    return "META-INF/swagger/" + title + "-v1.yml";
  }
}
