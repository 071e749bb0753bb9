package io.yardmaster.cost.api;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One validated cost query: what {@code GET /api/v1/costs} was asked, with the caller's scope
 * applied (a team token's query is always filtered to its own team).
 *
 * @param aggregate the dimensions asked for, in the order asked
 * @param step the length of one set, or null for one set over the whole window
 * @param filters per dimension the values kept (values of one dimension OR, dimensions AND)
 * @param teamCaller the team a team token is scoped to; null for an admin
 */
public record CostQuery(
    CostWindow window,
    List<Dimension> aggregate,
    @Nullable Duration step,
    IdleMode idle,
    Map<Dimension, Set<String>> filters,
    @Nullable String teamCaller) {
  /** The longest a parameter may be; longer is a 400 naming it. */
  static final int MAX_PARAMETER = 2000;

  /**
   * The longest window or aggregate: with a filter of {@link #MAX_PARAMETER} the request line stays
   * under the server's 4 KB, so a long query is this 400, never a 413 before the token.
   */
  static final int MAX_SHORT = 200;

  static final int MAX_SETS = 2500;
  static final int MAX_FILTERS = 50;
  static final int MAX_VALUE = 255;
  private static final Pattern STEP = Pattern.compile("([1-9][0-9]{0,3})([hd])");
  private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._@/+\\-]+");

  /** Every dimension a row is grouped by: those asked for and those they imply. */
  Set<Dimension> grouping() {
    Set<Dimension> all = EnumSet.noneOf(Dimension.class);
    aggregate.forEach(dimension -> all.addAll(dimension.withImplied()));
    return all;
  }

  /**
   * Whether the query keeps only some apps by a label (team, DAG, queue, ...): the pool-hours' idle
   * then shows only as those apps' share of it, never as the raw idle of the whole pool.
   */
  boolean scopedToApps() {
    return teamCaller != null || filters.keySet().stream().anyMatch(Dimension::labelsApps);
  }

  /** The number of sets the query answers. */
  int sets() {
    if (step == null) {
      return 1;
    }
    long span = window.endMillis() - window.startMillis();
    return (int) ((span + step.toMillis() - 1) / step.toMillis());
  }

  static CostQuery parse(
      @Nullable String window,
      @Nullable String aggregate,
      @Nullable String step,
      @Nullable String idle,
      @Nullable String filter,
      Caller caller,
      Clock clock) {
    CostWindow parsedWindow = CostWindow.parse(text("window", window, "7d"), clock);
    List<Dimension> dimensions = aggregate(text("aggregate", aggregate, "dag"));
    Duration parsedStep = step(text("step", step, "none"));
    IdleMode mode =
        IdleMode.of(text("idle", idle, "separate"))
            .orElseThrow(
                () ->
                    ApiException.invalidParameter(
                        "idle", "idle must be separate, share or cause, got '" + idle + "'"));
    Map<Dimension, Set<String>> filters = filters(filter == null ? "" : text("filter", filter, ""));
    String team = caller.admin() ? null : caller.team();
    if (team != null) {
      Set<String> teams = filters.get(Dimension.TEAM);
      if (teams != null && !teams.equals(Set.of(team))) {
        throw new ApiException(
            ApiErrorCode.FORBIDDEN,
            "a team token sees only its own team's costs: filter team:" + team + " or none",
            List.of("filter"));
      }
      filters.put(Dimension.TEAM, Set.of(team));
    }
    CostQuery query = new CostQuery(parsedWindow, dimensions, parsedStep, mode, filters, team);
    if (query.sets() > MAX_SETS) {
      throw ApiException.invalidParameter(
          "step",
          "step cuts the window into "
              + query.sets()
              + " sets; at most "
              + MAX_SETS
              + ": take a longer step or a shorter window");
    }
    return query;
  }

  /** The parameter's text, or the default when absent; refuses what no valid value can be. */
  private static String text(String name, @Nullable String value, String absent) {
    if (value == null) {
      return absent;
    }
    if (value.isEmpty()) {
      throw ApiException.invalidParameter(name, name + " is empty: leave it out instead");
    }
    int max = name.equals("filter") ? MAX_PARAMETER : MAX_SHORT;
    if (value.length() > max) {
      throw ApiException.invalidParameter(name, name + " is longer than " + max + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= ' ' || c > '~') {
        throw ApiException.invalidParameter(
            name, name + " may hold only printable ASCII without spaces");
      }
    }
    return value;
  }

  private static List<Dimension> aggregate(String text) {
    Set<Dimension> dimensions = new LinkedHashSet<>();
    for (String name : text.split(",", -1)) {
      Dimension dimension =
          Dimension.of(name)
              .orElseThrow(
                  () ->
                      ApiException.invalidParameter(
                          "aggregate",
                          "aggregate takes a comma-separated list of "
                              + names(EnumSet.allOf(Dimension.class))
                              + ", got '"
                              + name
                              + "'"));
      if (!dimensions.add(dimension)) {
        throw ApiException.invalidParameter("aggregate", "aggregate names " + name + " twice");
      }
    }
    return List.copyOf(dimensions);
  }

  @Nullable
  private static Duration step(String text) {
    if (text.equals("none")) {
      return null;
    }
    Matcher matcher = STEP.matcher(text);
    if (!matcher.matches()) {
      throw ApiException.invalidParameter(
          "step", "step must be Nh, Nd (e.g. 1h, 6h, 1d, 7d) or none, got '" + text + "'");
    }
    int count = Integer.parseInt(matcher.group(1));
    return matcher.group(2).equals("d") ? Duration.ofDays(count) : Duration.ofHours(count);
  }

  private static Map<Dimension, Set<String>> filters(String text) {
    Map<Dimension, Set<String>> filters = new EnumMap<>(Dimension.class);
    if (text.isEmpty()) {
      return filters;
    }
    String[] parts = text.split(",", -1);
    if (parts.length > MAX_FILTERS) {
      throw ApiException.invalidParameter(
          "filter", "filter takes at most " + MAX_FILTERS + " key:value pairs");
    }
    for (String part : parts) {
      int colon = part.indexOf(':');
      String key = colon < 0 ? part : part.substring(0, colon);
      String value = colon < 0 ? "" : part.substring(colon + 1);
      Dimension dimension = Dimension.of(key).filter(Dimension::filterable).orElse(null);
      if (colon < 0 || dimension == null) {
        throw ApiException.invalidParameter(
            "filter",
            "filter takes comma-separated key:value pairs with a key among "
                + names(filterable())
                + ", got '"
                + part
                + "'");
      }
      if (value.length() > MAX_VALUE || !VALUE.matcher(value).matches()) {
        throw ApiException.invalidParameter(
            "filter",
            "filter's value for "
                + key
                + " must be 1 to "
                + MAX_VALUE
                + " of letters, digits and . _ @ / + -");
      }
      filters.computeIfAbsent(dimension, unused -> new TreeSet<>()).add(value);
    }
    return filters;
  }

  private static Set<Dimension> filterable() {
    Set<Dimension> filterable = EnumSet.noneOf(Dimension.class);
    for (Dimension dimension : Dimension.values()) {
      if (dimension.filterable()) {
        filterable.add(dimension);
      }
    }
    return filterable;
  }

  private static String names(Set<Dimension> dimensions) {
    List<String> names = new ArrayList<>();
    dimensions.forEach(dimension -> names.add(dimension.wireName()));
    return String.join(", ", names);
  }
}
