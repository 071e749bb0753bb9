package io.yardmaster.cost.dashboard;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.swagger.v3.oas.annotations.Hidden;
import io.yardmaster.cost.api.CostApiDocument;
import io.yardmaster.web.auth.oidc.OidcAuthenticator;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Serves the cost dashboard: {@code /} is its page, {@code /dashboard/<file>} its scripts, styles
 * and the ECharts build the Maven build took from npm. The files hold no data and need no token;
 * the page asks for one and sends it with every {@code /api/v1/costs} call. Only the files of the
 * {@code dashboard/} resource folder with a plain name are served. The page may connect to this
 * server and to the identity providers it signs in with (their issuers' origins), nothing else.
 */
@Controller
@Hidden
@Requires(property = CostApiDocument.ROLE, notEquals = "false")
public final class DashboardController {
  static final String FOLDER = "dashboard/";
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{0,80}");
  private static final Map<String, String> TYPES =
      Map.of(
          "html", MediaType.TEXT_HTML + "; charset=utf-8",
          "js", "text/javascript; charset=utf-8",
          "css", "text/css; charset=utf-8",
          "txt", MediaType.TEXT_PLAIN + "; charset=utf-8",
          "svg", "image/svg+xml");

  private final String policy;

  public DashboardController(Optional<OidcAuthenticator> oidc) {
    StringBuilder connect = new StringBuilder("'self'");
    oidc.map(OidcAuthenticator::browserSignIns).orElse(List.of()).stream()
        .map(issuer -> URI.create(issuer.issuer()))
        .map(uri -> uri.getScheme() + "://" + uri.getRawAuthority())
        .distinct()
        .forEach(origin -> connect.append(' ').append(origin));
    this.policy =
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src "
            + connect;
  }

  @Get(produces = MediaType.TEXT_HTML)
  public HttpResponse<byte[]> index() {
    return file("index.html");
  }

  @Get("/dashboard/{name}")
  public HttpResponse<byte[]> asset(@PathVariable String name) {
    return file(name);
  }

  private HttpResponse<byte[]> file(String name) {
    int dot = name.lastIndexOf('.');
    String type = dot < 0 ? null : TYPES.get(name.substring(dot + 1));
    if (!NAME.matcher(name).matches() || name.contains("..") || type == null) {
      throw noSuchFile();
    }
    try (InputStream in =
        DashboardController.class.getClassLoader().getResourceAsStream(FOLDER + name)) {
      if (in == null) {
        throw noSuchFile();
      }
      return HttpResponse.ok(in.readAllBytes())
          .contentType(type)
          .header(HttpHeaders.CACHE_CONTROL, "no-cache")
          .header("X-Content-Type-Options", "nosniff")
          .header("Content-Security-Policy", policy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one answer for a missing or refused name; the name itself is not echoed back. */
  private static ApiException noSuchFile() {
    return new ApiException(ApiErrorCode.NOT_FOUND, "the dashboard has no file of that name");
  }
}
