package io.yardmaster.web.auth.oidc;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Optional;

/**
 * What the dashboard's sign-in page offers besides a token: each identity provider with a browser
 * client id, for the authorization-code flow with PKCE that the browser runs itself. Anonymous, as
 * it must be before anyone signed in; it names public facts only (issuer URLs, public client ids).
 * Not under {@code /api}, so the bearer-token filter does not ask for a token; part of the
 * dashboard, like its files, so not in the API's OpenAPI document.
 */
@Controller("/auth/sign-in")
@Hidden
public final class SignInController {
  private final Optional<OidcAuthenticator> oidc;

  public SignInController(Optional<OidcAuthenticator> oidc) {
    this.oidc = oidc;
  }

  @Get
  public SignInOptions options() {
    return new SignInOptions(
        oidc.map(OidcAuthenticator::browserSignIns).orElse(List.of()).stream()
            .map(
                issuer ->
                    new Provider(
                        issuer.name(),
                        issuer.issuer(),
                        issuer.browserClientId(),
                        String.join(" ", issuer.browserScopes())))
            .toList());
  }

  /** The providers, by configured name. */
  @Serdeable
  public record SignInOptions(List<Provider> providers) {}

  /**
   * One provider: the browser reads its endpoints from {@code <issuer>/.well-known/
   * openid-configuration}.
   */
  @Serdeable
  public record Provider(String name, String issuer, String clientId, String scope) {}
}
