package io.yardmaster.simulator.model;

/** What a container runs: the application master (Spark driver) or an executor. */
public enum ContainerKind {
  APPLICATION_MASTER,
  EXECUTOR
}
