package io.yardmaster.placement;

import java.net.URL;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * The policy's own settings. Hadoop 3.3 / 3.4 instantiate a {@code MultiNodeLookupPolicy} without a
 * configuration, so {@link #fromResourceManagerClasspath()} reads {@code yarn-site.xml} and then
 * {@code capacity-scheduler.xml} (the later one wins) from the ResourceManager's classpath, i.e.
 * its configuration folder.
 */
public final class PlacementSettings {

  /** Prefix of every key of this policy. */
  public static final String PREFIX = "yardmaster.placement.";

  /**
   * A local file listing nodes the autoscaler intends to remove: one {@code host} or {@code
   * host:port} (a NodeManager's node id) a line, {@code #} starts a comment. Unset: no file.
   */
  public static final String REMOVAL_HOSTS_FILE = PREFIX + "removal-hosts-file";

  /** How long a read of the removal hosts file is reused, in milliseconds. */
  public static final String REMOVAL_HOSTS_REFRESH_MS = REMOVAL_HOSTS_FILE + ".refresh-ms";

  public static final long DEFAULT_REMOVAL_HOSTS_REFRESH_MS = 10_000L;

  private static final String[] RESOURCE_MANAGER_FILES = {
    "yarn-site.xml", "capacity-scheduler.xml"
  };

  private final Path removalHostsFile;
  private final long removalHostsRefreshMillis;

  /**
   * @param removalHostsFile the removal hosts file, or {@code null} for none
   * @param removalHostsRefreshMillis how long one read of it is reused; 0 reads it every time
   */
  public PlacementSettings(Path removalHostsFile, long removalHostsRefreshMillis) {
    if (removalHostsRefreshMillis < 0) {
      throw new IllegalArgumentException(
          REMOVAL_HOSTS_REFRESH_MS + " must not be negative: " + removalHostsRefreshMillis);
    }
    this.removalHostsFile = removalHostsFile;
    this.removalHostsRefreshMillis = removalHostsRefreshMillis;
  }

  /** Settings from a Hadoop configuration; a blank file name means no file. */
  public static PlacementSettings from(Configuration conf) {
    String file = conf.getTrimmed(REMOVAL_HOSTS_FILE, "");
    return new PlacementSettings(
        file.isEmpty() ? null : Paths.get(file),
        conf.getTimeDuration(
            REMOVAL_HOSTS_REFRESH_MS, DEFAULT_REMOVAL_HOSTS_REFRESH_MS, TimeUnit.MILLISECONDS));
  }

  /**
   * Settings from the ResourceManager's {@code yarn-site.xml} and {@code capacity-scheduler.xml}.
   */
  public static PlacementSettings fromResourceManagerClasspath() {
    Configuration conf = new Configuration(false);
    for (String name : RESOURCE_MANAGER_FILES) {
      URL resource = conf.getClassLoader().getResource(name);
      if (resource != null) {
        conf.addResource(resource);
      }
    }
    return from(conf);
  }

  /** The removal hosts file, or {@code null} when none is configured. */
  public Path removalHostsFile() {
    return removalHostsFile;
  }

  public long removalHostsRefreshMillis() {
    return removalHostsRefreshMillis;
  }

  @Override
  public String toString() {
    return "PlacementSettings{removalHostsFile="
        + removalHostsFile
        + ", removalHostsRefreshMillis="
        + removalHostsRefreshMillis
        + "}";
  }
}
