package io.yardmaster.cost.collect;

import java.util.Locale;
import java.util.Optional;

/** A YARN application id, {@code application_<RM start, epoch ms>_<sequence, 4+ digits>}. */
record AppId(long clusterTimestamp, long sequence) {
  static Optional<AppId> parse(String id) {
    String[] parts = id.split("_", -1);
    if (parts.length != 3 || !parts[0].equals("application")) {
      return Optional.empty();
    }
    try {
      return Optional.of(new AppId(Long.parseLong(parts[1]), Long.parseLong(parts[2])));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String format(long clusterTimestamp, long sequence) {
    return String.format(Locale.ROOT, "application_%d_%04d", clusterTimestamp, sequence);
  }
}
