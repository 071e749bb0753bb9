package io.yardmaster.web.auth.oidc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.core.registry.InvalidConfigurationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClaimMappingTest {
  private static OidcIssuerConfig config(
      String teamClaim,
      String prefix,
      List<String> mapping,
      String adminClaim,
      String adminValue,
      List<String> algorithms,
      String jwksUri) {
    return new OidcIssuerConfig(
        "corp",
        Signing.ISSUER,
        jwksUri,
        List.of(Signing.AUDIENCE),
        null,
        algorithms,
        null,
        teamClaim,
        prefix,
        mapping,
        adminClaim,
        adminValue,
        null,
        null,
        null,
        null);
  }

  private static OidcIssuer issuer(String teamClaim, String prefix, List<String> mapping) {
    return OidcIssuer.of(
        config(teamClaim, prefix, mapping, "roles", "ym-admin", null, "https://idp.example/k"));
  }

  @Test
  void aPrefixPicksTheTeamGroupAmongOthers() {
    ClaimMapping.Mapped mapped =
        ClaimMapping.map(
            issuer("groups", "ym-team-", null),
            Map.of("groups", List.of("everyone", "ym-team-risk", "ym-team-")));
    assertThat(mapped.teams()).containsExactly("risk");
    assertThat(mapped.admin()).isFalse();
  }

  @Test
  void aMappingTableTranslatesGroupIdsAndTheAdminRoleComesFromItsClaim() {
    ClaimMapping.Mapped mapped =
        ClaimMapping.map(
            issuer("groups", null, List.of("0b6e4c2a-1111-4ad5-9c43-2b1e0f3a9d10=risk")),
            Map.of(
                "groups",
                List.of("0b6e4c2a-1111-4ad5-9c43-2b1e0f3a9d10", "ffffffff-0000"),
                "roles",
                List.of("ym-admin")));
    assertThat(mapped.teams()).containsExactly("risk");
    assertThat(mapped.admin()).isTrue();
  }

  @Test
  void aPlainTeamClaimIsTheTeamAndANestedClaimIsReadByItsPath() {
    assertThat(ClaimMapping.map(issuer("team", null, null), Map.of("team", "risk")).teams())
        .containsExactly("risk");
    assertThat(
            ClaimMapping.map(
                    issuer("realm_access.roles", "team:", null),
                    Map.of("realm_access", Map.of("roles", List.of("team:ads", "offline"))))
                .teams())
        .containsExactly("ads");
  }

  @Test
  void aClaimOfAnotherTypeOrAbsentGivesNoTeam() {
    assertThat(ClaimMapping.map(issuer("team", null, null), Map.of("team", 42)).teams()).isEmpty();
    assertThat(ClaimMapping.map(issuer("team", null, null), Map.of()).teams()).isEmpty();
  }

  @Test
  void configurationRefusesSymmetricAlgorithmsPlainHttpAndHalfAnAdminRule() {
    assertThatThrownBy(
            () ->
                OidcIssuer.of(
                    config("team", null, null, null, null, List.of("HS256"), "https://i/k")))
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContaining("yardmaster.auth.oidc.issuers.corp.algorithms");
    assertThatThrownBy(
            () ->
                OidcIssuer.of(
                    config("team", null, null, null, null, List.of("none"), "https://i/k")))
        .isInstanceOf(InvalidConfigurationException.class);
    assertThatThrownBy(
            () -> OidcIssuer.of(config("team", null, null, null, null, null, "http://idp/k")))
        .hasMessageContaining("jwks-uri must be https://");
    assertThatThrownBy(
            () -> OidcIssuer.of(config("team", null, null, "roles", null, null, "https://i/k")))
        .hasMessageContaining("admin-claim and admin-value");
    assertThatThrownBy(
            () -> OidcIssuer.of(config("team", null, List.of("=risk"), null, null, null, null)))
        .hasMessageContaining("team-mapping");
    assertThat(
            OidcIssuer.of(config("team", null, null, null, null, null, "http://127.0.0.1:8/k"))
                .jwksUri())
        .hasToString("http://127.0.0.1:8/k");
  }
}
