package io.yardmaster.web.auth.oidc;

import io.yardmaster.web.teams.TeamRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a team exists, remembered for {@link #TTL} (the token cache's refresh), so that a request
 * with a JWT costs no query, as one with a Yardmaster token does. Bounded: past {@link #MAX} names
 * it forgets them all.
 */
final class TeamLookup {
  static final Duration TTL = Duration.ofSeconds(5);
  static final int MAX = 1000;

  private final TeamRepository teams;
  private final Clock clock;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  private record Known(boolean exists, Instant until) {}

  TeamLookup(TeamRepository teams, Clock clock) {
    this.teams = teams;
    this.clock = clock;
  }

  boolean exists(String team) {
    Instant now = clock.instant();
    Known cached = known.get(team);
    if (cached != null && now.isBefore(cached.until())) {
      return cached.exists();
    }
    boolean exists = teams.existsById(team);
    if (known.size() >= MAX) {
      known.clear();
    }
    known.put(team, new Known(exists, now.plus(TTL)));
    return exists;
  }
}
