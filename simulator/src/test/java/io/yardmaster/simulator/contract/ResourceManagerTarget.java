package io.yardmaster.simulator.contract;

import java.net.URI;

/** A ResourceManager REST API that the contract runs against, and how to make apps run on it. */
interface ResourceManagerTarget extends AutoCloseable {
  /** The root above {@code ws/v1/cluster}, ending with a slash. */
  URI root();

  /**
   * True for the real ResourceManager: its field sets must equal the recorded ones, which keeps the
   * record true to Hadoop. An emulator must serve every required field and may leave others out,
   * never add any.
   */
  boolean reference();

  /** Starts an app with the tag that stays RUNNING until killed; returns its id. */
  String startRunningApp(String tag);

  /** Runs an app with the tag to FINISHED / SUCCEEDED; returns its id once it got there. */
  String runFinishedApp(String tag);

  /**
   * Runs an app with the tag whose master reports failure, as a Spark driver that threw: FINISHED /
   * FAILED; returns its id once it got there.
   */
  String runFailedApp(String tag);

  @Override
  void close();
}
