package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.hadoop.conf.Configuration;

/**
 * How to decommission on one cluster's RM, bound from {@code
 * yardmaster.autoscaler.yarn-admin.<cluster>.*}.
 *
 * @param excludeFile the RM's {@code yarn.resourcemanager.nodes.exclude-path}
 * @param confDir a folder with the cluster's {@code yarn-site.xml} (the RM admin address, security)
 * @param decommissionTimeout how long the RM waits for containers before forcing
 */
@EachProperty(YarnAdminTarget.PREFIX)
public record YarnAdminTarget(
    @Parameter String name,
    @Nullable Path excludeFile,
    @Nullable Path confDir,
    @Nullable Duration decommissionTimeout) {
  public static final String PREFIX = "yardmaster.autoscaler.yarn-admin";

  public YarnAdminTarget {
    requireNonNull(name, "name is null");
    if (excludeFile == null) {
      throw new InvalidConfigurationException(PREFIX + "." + name + ".exclude-file is required");
    }
    decommissionTimeout = decommissionTimeout == null ? Duration.ofHours(1) : decommissionTimeout;
  }

  /**
   * The cluster's YARN configuration: {@code yarn-site.xml} from the folder, else the classpath.
   */
  public Configuration hadoopConfiguration() {
    Configuration conf = new Configuration();
    if (confDir != null) {
      Path site = confDir.resolve("yarn-site.xml");
      if (Files.exists(site)) {
        conf.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
      }
    } else {
      conf.addResource("yarn-site.xml");
    }
    return conf;
  }
}
