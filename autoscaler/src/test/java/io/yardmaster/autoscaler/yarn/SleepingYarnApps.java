package io.yardmaster.autoscaler.yarn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.ResourceRequest;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;

/**
 * Real YARN applications whose application master container only sleeps: while it runs, its node
 * holds a container and a running application (what graceful decommission waits for); asked larger
 * than any NodeManager, it is never placed and stays pending demand.
 */
public final class SleepingYarnApps implements AutoCloseable {
  private final YarnClient yarn;

  /** A YARN client of the cluster whose {@code yarn-site.xml} is in the folder. */
  public SleepingYarnApps(Path hadoopConfDir) {
    YarnConfiguration configuration = new YarnConfiguration();
    configuration.addResource(
        new org.apache.hadoop.fs.Path(hadoopConfDir.resolve("yarn-site.xml").toUri()));
    this.yarn = YarnClient.createYarnClient();
    yarn.init(configuration);
    yarn.start();
  }

  /** Submits an app whose AM container asks for this much and runs {@code sleep}. */
  public ApplicationId submit(String name, int memoryMb, int vcores) {
    return submit(name, memoryMb, vcores, null);
  }

  /**
   * Submits an app whose AM container must run in a node partition, as Spark does for {@code
   * spark.yarn.am.nodeLabelExpression}: one AM resource request carrying the label expression.
   */
  public ApplicationId submitInPartition(String name, int memoryMb, int vcores, String label) {
    return submit(name, memoryMb, vcores, label);
  }

  private ApplicationId submit(String name, int memoryMb, int vcores, String amLabel) {
    try {
      ApplicationSubmissionContext context =
          yarn.createApplication().getApplicationSubmissionContext();
      context.setApplicationName(name);
      context.setQueue("default");
      context.setMaxAppAttempts(1);
      Resource size = Resource.newInstance(memoryMb, vcores);
      if (amLabel == null) {
        context.setResource(size);
      } else {
        ResourceRequest amRequest =
            ResourceRequest.newInstance(Priority.newInstance(0), ResourceRequest.ANY, size, 1);
        amRequest.setNodeLabelExpression(amLabel);
        context.setAMContainerResourceRequests(List.of(amRequest));
      }
      context.setAMContainerSpec(
          ContainerLaunchContext.newInstance(
              Map.of(), Map.of(), List.of("sleep 600"), null, null, null));
      return yarn.submitApplication(context);
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The host the app's AM container was placed on, or empty while it waits for one. */
  public Optional<String> amHost(ApplicationId id) {
    try {
      for (ApplicationAttemptReport attempt : yarn.getApplicationAttempts(id)) {
        ContainerId container = attempt.getAMContainerId();
        if (container != null) {
          return Optional.of(yarn.getContainerReport(container).getAssignedNode().getHost());
        }
      }
      return Optional.empty();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public YarnApplicationState state(ApplicationId id) {
    try {
      return yarn.getApplicationReport(id).getYarnApplicationState();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public void kill(ApplicationId id) {
    try {
      yarn.killApplication(id);
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    yarn.stop();
  }
}
