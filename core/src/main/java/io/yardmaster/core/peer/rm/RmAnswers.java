package io.yardmaster.core.peer.rm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The envelopes of the ResourceManager's answers; an empty list may come as null or {@code {}}. */
final class RmAnswers {
  private RmAnswers() {}

  @Serdeable
  record Metrics(@Nullable RmClusterMetrics clusterMetrics) {}

  @Serdeable
  record NodeList(@Nullable List<RmNode> node) {}

  @Serdeable
  record Nodes(@Nullable NodeList nodes) {}

  @Serdeable
  record AppList(@Nullable List<RmApplication> app) {}

  @Serdeable
  record Apps(@Nullable AppList apps) {}

  @Serdeable
  record State(String state) {}
}
