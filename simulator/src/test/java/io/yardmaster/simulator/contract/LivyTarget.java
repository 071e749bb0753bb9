package io.yardmaster.simulator.contract;

import java.net.URI;
import java.util.Map;

/** A Livy server that the batch contract runs against, with the ResourceManager its apps run on. */
interface LivyTarget extends AutoCloseable {
  /** Livy's root, ending with a slash: batches live at {@code batches} under it. */
  URI livy();

  /** The root above {@code ws/v1/cluster} of the ResourceManager that runs the batches. */
  URI resourceManager();

  /** A {@code POST /batches} body for the job, carrying the given {@code spark.yarn.tags}. */
  Map<String, Object> batch(LivyJob job, String yarnTags);

  /** Restarts Livy without recovery: it forgets every batch and counts ids from 0 again. */
  void restart();

  @Override
  void close();
}
