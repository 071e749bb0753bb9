package io.yardmaster.simulator.yarn;

import io.yardmaster.simulator.model.ApplicationState;
import io.yardmaster.simulator.model.FinalStatus;
import io.yardmaster.simulator.model.SimulatedApplication;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The filters of {@code GET /ws/v1/cluster/apps}, validated as the RM does. */
record ApplicationQuery(
    Set<String> states,
    String finalStatus,
    String user,
    String queue,
    Set<String> tags,
    Set<String> types,
    long startedTimeBegin,
    long startedTimeEnd,
    long finishedTimeBegin,
    long finishedTimeEnd,
    long limit) {

  static ApplicationQuery parse(
      List<String> states,
      String state,
      String finalStatus,
      String user,
      String queue,
      List<String> tags,
      List<String> types,
      String startedTimeBegin,
      String startedTimeEnd,
      String finishedTimeBegin,
      String finishedTimeEnd,
      String limit) {
    Set<String> wanted = new LinkedHashSet<>();
    for (String value : split(states)) {
      String upper = value.toUpperCase(Locale.ROOT);
      try {
        ApplicationState.valueOf(upper);
      } catch (IllegalArgumentException e) {
        throw YarnBadRequestException.of(
            "Invalid application-state "
                + value
                + " specified. It should be one of "
                + Arrays.toString(ApplicationState.values()));
      }
      wanted.add(upper);
    }
    if (state != null && !state.isBlank()) {
      wanted.add(state.trim().toUpperCase(Locale.ROOT));
    }
    String status = null;
    if (finalStatus != null && !finalStatus.isBlank()) {
      status = finalStatus.trim().toUpperCase(Locale.ROOT);
      try {
        FinalStatus.valueOf(status);
      } catch (IllegalArgumentException e) {
        throw YarnBadRequestException.of(
            "Invalid final status "
                + finalStatus
                + " specified. It should be one of "
                + Arrays.toString(FinalStatus.values()));
      }
    }
    Set<String> tagSet = new LinkedHashSet<>();
    for (String tag : split(tags)) {
      tagSet.add(tag.toLowerCase(Locale.ROOT));
    }
    Set<String> typeSet = new LinkedHashSet<>();
    for (String type : split(types)) {
      typeSet.add(type.toUpperCase(Locale.ROOT));
    }
    return new ApplicationQuery(
        wanted,
        status,
        blankToNull(user),
        blankToNull(queue),
        tagSet,
        typeSet,
        time("startedTimeBegin", startedTimeBegin, 0),
        time("startedTimeEnd", startedTimeEnd, Long.MAX_VALUE),
        time("finishedTimeBegin", finishedTimeBegin, 0),
        time("finishedTimeEnd", finishedTimeEnd, Long.MAX_VALUE),
        limit == null ? Long.MAX_VALUE : positive("limit", limit));
  }

  boolean matches(SimulatedApplication application) {
    if (!states.isEmpty() && !states.contains(application.state().name())) {
      return false;
    }
    if (finalStatus != null && !finalStatus.equals(application.finalStatus().name())) {
      return false;
    }
    if (user != null && !user.equals(application.spec().user())) {
      return false;
    }
    String appQueue = application.spec().queue();
    if (queue != null
        && !queue.equals(appQueue)
        && !queue.equals(appQueue.substring(appQueue.lastIndexOf('.') + 1))) {
      return false;
    }
    if (!tags.isEmpty() && application.spec().tags().stream().noneMatch(tags::contains)) {
      return false;
    }
    if (!types.isEmpty() && !types.contains("SPARK")) {
      return false;
    }
    long started = application.submittedMillis();
    if (started < startedTimeBegin || started > startedTimeEnd) {
      return false;
    }
    boolean finishFilter = finishedTimeBegin > 0 || finishedTimeEnd < Long.MAX_VALUE;
    long finished = Math.max(0, application.finishedMillis());
    return !finishFilter || (finished >= finishedTimeBegin && finished <= finishedTimeEnd);
  }

  private static List<String> split(List<String> values) {
    if (values == null) {
      return List.of();
    }
    return values.stream()
        .flatMap(value -> Arrays.stream(value.split(",")))
        .map(String::trim)
        .filter(value -> !value.isEmpty())
        .toList();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static long time(String name, String value, long fallback) {
    if (value == null || value.isBlank()) {
      return fallback;
    }
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw YarnBadRequestException.of(name + " value must be a number!");
    }
    if (parsed < 0) {
      // YARN's messages say finishTime..., not finishedTime...
      throw YarnBadRequestException.of(
          name.replace("finishedTime", "finishTime") + " must be greater than 0");
    }
    return parsed;
  }

  private static long positive(String name, String value) {
    long parsed = time(name, value, 0);
    if (parsed <= 0) {
      throw YarnBadRequestException.of("limit value must be greater then 0");
    }
    return parsed;
  }
}
