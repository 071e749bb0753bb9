package io.yardmaster.testing;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.time.Instant;

/** Creates teams and tokens straight through the beans, for tests of other endpoints. */
public final class TestTokens {
  private TestTokens() {}

  /** A token of {@code team}, creating the team (proxy user {@code <team>-svc}) if needed. */
  public static String team(ApplicationContext context, String team) {
    TeamRepository teams = context.getBean(TeamRepository.class);
    if (!teams.existsById(team)) {
      teams.save(new Team(team, team + "-svc", 100, 50, 2000, 8L * 1024 * 1024, Instant.now()));
    }
    return context.getBean(Tokens.class).issue(Role.TEAM, team, "test").token();
  }

  public static String admin(ApplicationContext context) {
    return context.getBean(Tokens.class).issue(Role.ADMIN, null, "test").token();
  }
}
