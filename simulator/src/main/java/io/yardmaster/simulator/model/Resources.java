package io.yardmaster.simulator.model;

/** An amount of YARN resources: memory in MB and virtual cores. */
public record Resources(long memoryMb, long vcores) {
  public static final Resources ZERO = new Resources(0, 0);

  public Resources {
    if (memoryMb < 0 || vcores < 0) {
      throw new IllegalArgumentException(
          "resources must not be negative: " + memoryMb + " MB, " + vcores + " vcores");
    }
  }

  public Resources plus(Resources other) {
    return new Resources(memoryMb + other.memoryMb, vcores + other.vcores);
  }

  public Resources minus(Resources other) {
    return new Resources(memoryMb - other.memoryMb, vcores - other.vcores);
  }

  public Resources times(long factor) {
    return new Resources(memoryMb * factor, vcores * factor);
  }

  /** Whether {@code other} fits into this amount. */
  public boolean fits(Resources other) {
    return other.memoryMb <= memoryMb && other.vcores <= vcores;
  }

  /** Whether this amount is at least {@code other} in both dimensions. */
  public boolean atLeast(Resources other) {
    return memoryMb >= other.memoryMb && vcores >= other.vcores;
  }
}
