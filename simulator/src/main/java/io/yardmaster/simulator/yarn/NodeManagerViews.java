package io.yardmaster.simulator.yarn;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The NodeManager REST API's JSON ({@code /ws/v1/node}), with YARN's field names. */
final class NodeManagerViews {
  private NodeManagerViews() {}

  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record AppsWrapper(Apps apps) {}

  /** With no app the NodeManager answers {@code {"apps":{}}}, like the RM. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Apps(@Nullable List<App> app) {}

  /**
   * @param containerids the app's containers running on this node; absent when none runs
   */
  @Serdeable
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record App(String id, String state, String user, @Nullable List<String> containerids) {}
}
