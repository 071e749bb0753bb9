package io.yardmaster.auth;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.http.ApiException;
import java.util.List;
import java.util.stream.StreamSupport;

/** API tokens: issue (the secret is shown once), list, revoke. Admin only. */
@Controller("/api/v1/tokens")
@Requires(property = Roles.API, notEquals = "false")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tokens")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "bearer")
public final class TokenController {
  private final Tokens tokens;
  private final ApiTokenRepository repository;
  private final TeamRepository teams;

  public TokenController(Tokens tokens, ApiTokenRepository repository, TeamRepository teams) {
    this.tokens = tokens;
    this.repository = repository;
    this.teams = teams;
  }

  @Post
  @Operation(summary = "Issue a token for a team, or an admin token (admin); shown only here")
  public HttpResponse<IssuedToken> issue(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Body TokenRequest request) {
    caller.requireAdmin();
    Role role = request.role() == null ? Role.TEAM : request.role();
    String team = request.team();
    switch (role) {
      case TEAM -> {
        if (team == null || !teams.existsById(team)) {
          throw ApiException.badRequest(
              "TEAM_NOT_FOUND", "a team token needs an existing team, got '" + team + "'");
        }
      }
      case ADMIN -> {
        if (team != null) {
          throw ApiException.badRequest("ADMIN_HAS_NO_TEAM", "an admin token has no team");
        }
      }
    }
    String description = request.description();
    if (description != null && description.length() > 200) {
      throw ApiException.badRequest(
          "INVALID_TOKEN", "description: at most 200 characters", List.of("description"));
    }
    return HttpResponse.created(tokens.issue(role, team, description));
  }

  @Get
  @Operation(summary = "List tokens, optionally of one team (admin); secrets are never shown")
  public List<TokenView> list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Nullable @QueryValue String team) {
    caller.requireAdmin();
    Iterable<ApiToken> found = team == null ? repository.findAll() : repository.findByTeam(team);
    return StreamSupport.stream(found.spliterator(), false).map(TokenView::of).toList();
  }

  @Delete("/{id}")
  @Operation(summary = "Revoke a token (admin)")
  public HttpResponse<Void> revoke(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String id) {
    caller.requireAdmin();
    if (!tokens.revoke(id)) {
      throw ApiException.notFound("TOKEN_NOT_FOUND", "no active token with id '" + id + "'");
    }
    return HttpResponse.noContent();
  }
}
