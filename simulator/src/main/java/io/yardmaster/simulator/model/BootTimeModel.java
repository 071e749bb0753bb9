package io.yardmaster.simulator.model;

import java.time.Duration;
import java.util.Random;

/**
 * VM boot time: lognormal with the given median and sigma (of the underlying normal), i.e. {@code
 * median x exp(sigma x N(0,1))}. Sigma 0 gives exactly the median.
 */
public record BootTimeModel(Duration median, double sigma) {
  public static final BootTimeModel DEFAULT = new BootTimeModel(Duration.ofMinutes(4), 0.25);

  public BootTimeModel {
    if (median == null || median.isNegative() || median.isZero()) {
      throw new IllegalArgumentException("boot-time median must be positive, got " + median);
    }
    if (!(sigma >= 0) || sigma > 3) {
      throw new IllegalArgumentException("boot-time sigma must be in [0, 3], got " + sigma);
    }
  }

  public long drawMillis(Random random) {
    double factor = Math.exp(sigma * random.nextGaussian());
    return Math.max(1, Math.round(median.toMillis() * factor));
  }
}
