package io.yardmaster.web.auth;

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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import io.yardmaster.web.teams.TeamRepository;
import java.time.Clock;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/** API tokens: issue (the secret is shown once), list, revoke. Admin only. */
@Controller("/api/v1/tokens")
@Requires(property = Roles.API, notEquals = "false")
@Requires(beans = DataSource.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "tokens")
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer")
@SecurityRequirement(name = "bearer")
public final class TokenController {
  private final Tokens tokens;
  private final ApiTokenRepository repository;
  private final TeamRepository teams;
  private final AuthConfig config;
  private final Clock clock;

  public TokenController(
      Tokens tokens,
      ApiTokenRepository repository,
      TeamRepository teams,
      AuthConfig config,
      Clock clock) {
    this.tokens = tokens;
    this.repository = repository;
    this.teams = teams;
    this.config = config;
    this.clock = clock;
  }

  @Post
  @Operation(summary = "Issue a token for a team, or an admin token (admin); shown only here")
  @ApiResponse(
      responseCode = "201",
      description = "the token, with its secret (shown only once)",
      content = @Content(schema = @Schema(implementation = IssuedToken.class)))
  @ApiResponse(
      responseCode = "409",
      description = "too many active tokens (TOO_MANY_TOKENS)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
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
              ApiErrorCode.TEAM_NOT_FOUND,
              "a team token needs an existing team, got '" + team + "'",
              List.of("team"));
        }
      }
      case ADMIN -> {
        if (team != null) {
          throw new ApiException(
              ApiErrorCode.ADMIN_HAS_NO_TEAM, "an admin token has no team", List.of("team"));
        }
      }
    }
    List<String> problems = request.problems(clock.instant(), config);
    if (!problems.isEmpty()) {
      throw new ApiException(
          ApiErrorCode.INVALID_TOKEN, "the token request is not valid", problems);
    }
    if (repository.countActiveAt(clock.instant()) >= config.maxActiveTokens()) {
      throw new ApiException(
          ApiErrorCode.TOO_MANY_TOKENS,
          "there are "
              + config.maxActiveTokens()
              + " active tokens (yardmaster.auth.max-active-tokens): revoke some first");
    }
    return HttpResponse.created(
        tokens.issue(
            role, team, request.description(), request.expiresAt(clock.instant(), config)));
  }

  @Get
  @Operation(
      operationId = "listTokens",
      summary = "List tokens, optionally of one team (admin); secrets are never shown")
  public List<TokenView> list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Nullable @QueryValue String team) {
    caller.requireAdmin();
    Iterable<ApiToken> found = team == null ? repository.findAll() : repository.findByTeam(team);
    return StreamSupport.stream(found.spliterator(), false).map(TokenView::of).toList();
  }

  @Delete("/{id}")
  @Operation(
      summary = "Revoke a token (admin)",
      description = "The last active admin token cannot be revoked (409 LAST_ADMIN_TOKEN).")
  @ApiResponse(responseCode = "204", description = "revoked")
  @ApiResponse(
      responseCode = "409",
      description = "the last active admin token (LAST_ADMIN_TOKEN)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public HttpResponse<Void> revoke(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String id) {
    caller.requireAdmin();
    if (!tokens.revoke(id)) {
      throw new ApiException(ApiErrorCode.TOKEN_NOT_FOUND, "no active token with id '" + id + "'");
    }
    return HttpResponse.noContent();
  }
}
