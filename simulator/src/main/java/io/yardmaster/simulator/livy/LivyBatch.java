package io.yardmaster.simulator.livy;

import io.yardmaster.simulator.model.ApplicationSpec;
import io.yardmaster.simulator.model.Simulation;
import java.util.ArrayList;
import java.util.List;

/** One batch session of a simulated Livy server; changed only under the simulation's lock. */
final class LivyBatch {
  final int id;
  final String name;
  final String owner;
  final String proxyUser;
  final String appTag;
  final ApplicationSpec spec;
  final long submitDoneMillis;
  final List<String> submitLog = new ArrayList<>();
  Simulation.Cancellable submission;
  String appId;
  LivyState state = LivyState.STARTING;
  String diagnostics = "";
  String driverLogUrl;
  String sparkUiUrl;
  long finishedMillis = -1;

  LivyBatch(
      int id,
      String name,
      String owner,
      String proxyUser,
      String appTag,
      ApplicationSpec spec,
      long submitDoneMillis) {
    this.id = id;
    this.name = name;
    this.owner = owner;
    this.proxyUser = proxyUser;
    this.appTag = appTag;
    this.spec = spec;
    this.submitDoneMillis = submitDoneMillis;
  }

  /** Livy's log: spark-submit's output, then the YARN diagnostics. */
  List<String> log() {
    List<String> lines = new ArrayList<>();
    lines.add("stdout: ");
    lines.addAll(submitLog);
    lines.add("\nstderr: ");
    lines.add("\nYARN Diagnostics: ");
    if (!diagnostics.isEmpty()) {
      lines.add(diagnostics);
    }
    return lines;
  }
}
