package io.yardmaster.web.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.core.registry.InvalidConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An issuer's browser sign-in settings: the dashboard's client id and the scopes it asks for. */
class BrowserSignInTest {
  private static OidcIssuer issuer(String clientId, List<String> scopes) {
    return OidcIssuer.of(
        new OidcIssuerConfig(
            "corp",
            Signing.ISSUER,
            "https://idp.example/keys",
            List.of(Signing.AUDIENCE),
            null,
            null,
            null,
            "groups",
            "ym-team-",
            null,
            null,
            null,
            null,
            null,
            clientId,
            scopes));
  }

  @Test
  void theDashboardsClientIdIsAnAudienceAndTheScopesDefaultToOpenidProfile() {
    OidcIssuer corp = issuer(" yardmaster-dashboard ", null);

    assertThat(corp.browserClientId()).isEqualTo("yardmaster-dashboard");
    assertThat(corp.audience()).containsExactlyInAnyOrder(Signing.AUDIENCE, "yardmaster-dashboard");
    assertThat(corp.browserScopes()).containsExactly("openid", "profile");
  }

  @Test
  void withoutAClientIdThereIsNoBrowserSignInAndNoExtraAudience() {
    OidcIssuer corp = issuer(null, null);

    assertThat(corp.browserClientId()).isNull();
    assertThat(corp.audience()).containsExactly(Signing.AUDIENCE);
  }

  @Test
  void scopesWithoutOpenidOrWithSpacesStopTheStart() {
    assertThatThrownBy(() -> issuer("dash", List.of("profile")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.auth.oidc.issuers.corp.browser-scopes");
    assertThatThrownBy(() -> issuer("dash", List.of("openid", "groups email")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("without spaces");
    assertThat(issuer("dash", List.of("openid", "api://yardmaster/.default")).browserScopes())
        .containsExactly("openid", "api://yardmaster/.default");
  }
}
