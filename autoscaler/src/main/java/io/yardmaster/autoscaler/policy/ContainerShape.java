package io.yardmaster.autoscaler.policy;

/**
 * {@code count} pending containers of one size.
 *
 * @param applicationMaster the containers are application masters (Spark drivers): they are only
 *     placed on on-demand nodes, so a spot pool does not grow for them
 */
public record ContainerShape(int count, int vcores, int memoryMb, boolean applicationMaster) {
  public ContainerShape {
    if (count < 0 || vcores < 1 || memoryMb < 1) {
      throw new IllegalArgumentException(
          "bad container shape: " + count + " x " + vcores + " vcores / " + memoryMb + " MB");
    }
  }

  /** Executor (or unknown) containers. */
  public ContainerShape(int count, int vcores, int memoryMb) {
    this(count, vcores, memoryMb, false);
  }
}
