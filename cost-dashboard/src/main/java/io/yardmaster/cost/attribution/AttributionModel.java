package io.yardmaster.cost.attribution;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * The stated choices of the attribution model (ADR 0017).
 *
 * @param cpuSharePpm the part of a VM's price that pays for its vcores, in millionths; the rest
 *     pays for its memory
 * @param growWindow the idle of a pool-hour in which the pool grew is charged to the apps submitted
 *     from this long before the hour to its end (their demand made it grow)
 * @param drainWindow the idle of a pool-hour in which the pool kept VMs that were deleted within
 *     the hour or this long after it is charged to the apps that finished from this long before the
 *     hour to its end (the last ones running: the drain tail is theirs)
 */
public record AttributionModel(long cpuSharePpm, Duration growWindow, Duration drainWindow) {
  /**
   * 52 % CPU: Azure's v5 list prices (Linux, pay-as-you-go) price a vcore at about $0.033/h and a
   * GiB at $0.00375/h (D4s_v5 $0.192 vs E4s_v5 $0.252 for 16 GiB more), so the memory-optimised
   * E-series the pools run (E16s_v5: 16 vcores, 128 GiB, $1.008/h) is 52.4 % CPU.
   */
  public static final BigDecimal DEFAULT_CPU_SHARE = new BigDecimal("0.52");

  public static final AttributionModel DEFAULTS =
      new AttributionModel(ppm(DEFAULT_CPU_SHARE), Duration.ofMinutes(15), Duration.ofMinutes(30));

  public AttributionModel {
    if (cpuSharePpm < 0 || cpuSharePpm > 1_000_000) {
      throw new IllegalArgumentException("cpuSharePpm must be in [0, 1000000]: " + cpuSharePpm);
    }
    if (growWindow.isNegative() || drainWindow.isNegative()) {
      throw new IllegalArgumentException("windows must not be negative");
    }
  }

  /** {@code share} in [0, 1] with at most six decimals, in millionths. */
  static long ppm(BigDecimal share) {
    if (share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a share is in [0, 1], got " + share);
    }
    return share.movePointRight(6).longValueExact();
  }

  /** The longest look-back before an hour the model reads (apps and VMs). */
  Duration lookBack() {
    return growWindow.compareTo(drainWindow) >= 0 ? growWindow : drainWindow;
  }
}
