package io.yardmaster.backend;

import java.util.List;

/** A page of a batch's submit log. */
public record BatchLog(int from, int total, List<String> lines) {
  public BatchLog {
    lines = List.copyOf(lines);
  }
}
