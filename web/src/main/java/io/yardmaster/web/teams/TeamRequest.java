package io.yardmaster.web.teams;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.core.spark.DeniedKeys;
import io.yardmaster.core.spark.KeyPattern;
import io.yardmaster.core.spark.SparkConfKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The body of {@code POST /api/v1/teams} and {@code PUT /api/v1/teams/{name}}. */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record TeamRequest(
    @Nullable String name,
    @Nullable String proxyUser,
    @Nullable Integer priority,
    @Nullable Integer maxRunningJobs,
    @Nullable Integer maxCores,
    @Nullable Long maxMemoryMb,
    @Nullable Map<String, String> sparkDefaults,
    @Nullable Map<String, String> sparkEnforced) {
  static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern USER = Pattern.compile("[A-Za-z0-9._-]{1,100}");
  static final int MAX_CONF = 200;

  /** What is wrong with this request, one entry per field; empty when it is fine. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (name == null || !NAME.matcher(name).matches()) {
      problems.add("name: lower-case letters, digits and '-', starting with a letter, <= 63");
    }
    if (proxyUser == null || !USER.matcher(proxyUser).matches()) {
      problems.add("proxyUser: 1-100 of letters, digits, '.', '_', '-'");
    }
    if (priority != null && (priority < 0 || priority > 1000)) {
      problems.add("priority: 0..1000");
    }
    if (maxRunningJobs != null && maxRunningJobs < 1) {
      problems.add("maxRunningJobs: at least 1");
    }
    if (maxCores != null && maxCores < 1) {
      problems.add("maxCores: at least 1");
    }
    if (maxMemoryMb != null && maxMemoryMb < 1024) {
      problems.add("maxMemoryMb: at least 1024");
    }
    conf(problems, "sparkDefaults", sparkDefaults);
    conf(problems, "sparkEnforced", sparkEnforced);
    return problems;
  }

  private static void conf(List<String> problems, String field, Map<String, String> conf) {
    if (conf == null) {
      return;
    }
    if (conf.size() > MAX_CONF) {
      problems.add(field + ": at most " + MAX_CONF + " entries");
    }
    conf.forEach(
        (key, value) -> {
          Optional<String> why =
              SparkConfKeys.keyProblem(key).or(() -> SparkConfKeys.valueProblem(value));
          KeyPattern reserved = DeniedKeys.firstMatch(DeniedKeys.RESERVED, key);
          if (why.isEmpty() && reserved != null) {
            why = Optional.of("set by Yardmaster, never by a team's conf (" + reserved + ")");
          }
          why.ifPresent(text -> problems.add(field + "." + key + ": " + text));
        });
  }
}
