package io.yardmaster.web.auth.oidc;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import java.time.Duration;
import java.util.List;

/**
 * One identity provider whose JWT bearer tokens Yardmaster accepts, bound from {@code
 * yardmaster.auth.oidc.issuers.<name>.*}. {@link OidcIssuer#of} checks it and fills the defaults.
 *
 * @param issuer the {@code iss} its tokens carry, exactly (e.g. {@code
 *     https://login.microsoftonline.com/<tenant>/v2.0}, {@code https://kc.example/realms/corp})
 * @param jwksUri where its signing keys are; default: the {@code jwks_uri} of {@code
 *     <issuer>/.well-known/openid-configuration}
 * @param audience the {@code aud} values meant for Yardmaster (a token must carry one of them)
 * @param clockSkew how far {@code exp} and {@code nbf} may be off (default 60 s)
 * @param algorithms the signature algorithms accepted (default RS/PS/ES 256–512; never HS* nor
 *     none)
 * @param subjectClaim the claim that names the caller (default {@code sub})
 * @param teamClaim the claim whose value (a string or a list of strings) gives the team
 * @param teamPrefix when set, a value {@code <prefix><team>} gives {@code <team>}
 * @param teamMapping entries {@code <claim value>=<team>} (e.g. an Azure AD group id)
 * @param adminClaim with {@code adminValue}: a token whose claim holds that value is an admin
 * @param adminValue see {@code adminClaim}
 * @param jwksCacheTtl how long a key set read is used before it is read again (default 5 min)
 * @param jwksMinRefreshInterval a token with an unknown key id reads the key set again at most this
 *     often (default 30 s)
 * @param browserClientId the public client registered for the dashboard's sign-in (the
 *     authorization-code flow with PKCE, in the browser); its ID tokens are accepted as bearer
 *     tokens like those for {@code audience}. Unset: no sign-in button for this issuer
 * @param browserScopes the scopes the dashboard asks for (default {@code openid profile})
 */
@EachProperty(OidcIssuerConfig.PREFIX)
public record OidcIssuerConfig(
    @Parameter String name,
    @Nullable String issuer,
    @Nullable String jwksUri,
    @Nullable List<String> audience,
    @Nullable Duration clockSkew,
    @Nullable List<String> algorithms,
    @Nullable String subjectClaim,
    @Nullable String teamClaim,
    @Nullable String teamPrefix,
    @Nullable List<String> teamMapping,
    @Nullable String adminClaim,
    @Nullable String adminValue,
    @Nullable Duration jwksCacheTtl,
    @Nullable Duration jwksMinRefreshInterval,
    @Nullable String browserClientId,
    @Nullable List<String> browserScopes) {
  public static final String PREFIX = "yardmaster.auth.oidc.issuers";
}
