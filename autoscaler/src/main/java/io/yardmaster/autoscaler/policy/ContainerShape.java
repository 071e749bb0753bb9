package io.yardmaster.autoscaler.policy;

/** {@code count} pending containers of one size. */
public record ContainerShape(int count, int vcores, int memoryMb) {
  public ContainerShape {
    if (count < 0 || vcores < 1 || memoryMb < 1) {
      throw new IllegalArgumentException(
          "bad container shape: " + count + " x " + vcores + " vcores / " + memoryMb + " MB");
    }
  }
}
