package io.yardmaster.web.teams;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.yardmaster.core.Roles;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.sql.DataSource;

/** Teams with their proxy user, quotas and priority. Admin only, except reading one's own team. */
@Controller("/api/v1/teams")
@Requires(property = Roles.API, notEquals = "false")
@Requires(beans = DataSource.class)
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "teams")
@SecurityRequirement(name = "bearer")
public final class TeamController {
  static final int DEFAULT_PRIORITY = 100;
  static final int DEFAULT_MAX_RUNNING_JOBS = 50;
  static final int DEFAULT_MAX_CORES = 2000;
  static final long DEFAULT_MAX_MEMORY_MB = 8L * 1024 * 1024;

  private final TeamRepository teams;
  private final Clock clock;

  public TeamController(TeamRepository teams, Clock clock) {
    this.teams = teams;
    this.clock = clock;
  }

  @Post
  @Operation(summary = "Create a team (admin)")
  @ApiResponse(
      responseCode = "201",
      description = "the team",
      content = @Content(schema = @Schema(implementation = Team.class)))
  @ApiResponse(
      responseCode = "409",
      description = "a team of this name exists (TEAM_EXISTS)",
      content = @Content(schema = @Schema(implementation = ApiError.class)))
  public HttpResponse<Team> create(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @Body TeamRequest request) {
    caller.requireAdmin();
    check(request);
    if (teams.existsById(request.name())) {
      throw new ApiException(
          ApiErrorCode.TEAM_EXISTS,
          "a team named '" + request.name() + "' exists",
          List.of("name"));
    }
    Team team = teams.save(toTeam(request));
    return HttpResponse.created(team);
  }

  @Put("/{name}")
  @Operation(summary = "Change a team's proxy user, quotas or priority (admin)")
  public Team update(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String name,
      @Body TeamRequest request) {
    caller.requireAdmin();
    check(request);
    if (!name.equals(request.name())) {
      throw new ApiException(
          ApiErrorCode.NAME_MISMATCH,
          "the body's name must be the path's '" + name + "'",
          List.of("name"));
    }
    Team existing = find(name);
    Team team = toTeam(request);
    return teams.update(
        new Team(
            team.name(),
            team.proxyUser(),
            team.priority(),
            team.maxRunningJobs(),
            team.maxCores(),
            team.maxMemoryMb(),
            team.sparkDefaults(),
            team.sparkEnforced(),
            existing.createdAt()));
  }

  @Get
  @Operation(operationId = "listTeams", summary = "List the teams (admin), or one's own team")
  public List<Team> list(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller) {
    return StreamSupport.stream(teams.findAll().spliterator(), false)
        .filter(team -> caller.owns(team.name()))
        .toList();
  }

  @Get("/{name}")
  @Operation(operationId = "getTeam", summary = "One team (admin, or a member of that team)")
  public Team get(
      @Parameter(hidden = true) @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
      @PathVariable String name) {
    if (!caller.owns(name)) {
      throw new ApiException(ApiErrorCode.TEAM_NOT_FOUND, "no team named '" + name + "'");
    }
    return find(name);
  }

  private Team find(String name) {
    return teams
        .findById(name)
        .orElseThrow(
            () -> new ApiException(ApiErrorCode.TEAM_NOT_FOUND, "no team named '" + name + "'"));
  }

  private static void check(TeamRequest request) {
    List<String> problems = request.problems();
    if (!problems.isEmpty()) {
      throw new ApiException(ApiErrorCode.INVALID_TEAM, "the team is not valid", problems);
    }
  }

  private Team toTeam(TeamRequest request) {
    return new Team(
        request.name(),
        request.proxyUser(),
        request.priority() == null ? DEFAULT_PRIORITY : request.priority(),
        request.maxRunningJobs() == null ? DEFAULT_MAX_RUNNING_JOBS : request.maxRunningJobs(),
        request.maxCores() == null ? DEFAULT_MAX_CORES : request.maxCores(),
        request.maxMemoryMb() == null ? DEFAULT_MAX_MEMORY_MB : request.maxMemoryMb(),
        request.sparkDefaults(),
        request.sparkEnforced(),
        clock.instant());
  }
}
