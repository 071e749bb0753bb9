package io.yardmaster.autoscaler.yarn;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.NMClient;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;

/**
 * A real YARN application whose application master is this test process (an unmanaged AM): it stays
 * RUNNING for as long as the test wants, and it asks the ResourceManager for containers and
 * launches them on their NodeManagers itself, so a test can run a short container on a node and
 * keep the application running after that container exited (a Spark executor given back by dynamic
 * allocation).
 */
final class UnmanagedApplicationMaster implements AutoCloseable {
  private final YarnConfiguration configuration;
  private final YarnClient yarn;
  private final ApplicationId id;
  private final AMRMClient<ContainerRequest> resourceManager;
  private final NMClient nodeManagers;

  /** Submits the application and registers this process as its master. */
  UnmanagedApplicationMaster(Path hadoopConfDir, String name) {
    configuration = new YarnConfiguration();
    configuration.addResource(
        new org.apache.hadoop.fs.Path(hadoopConfDir.resolve("yarn-site.xml").toUri()));
    yarn = YarnClient.createYarnClient();
    yarn.init(configuration);
    yarn.start();
    try {
      ApplicationSubmissionContext context =
          yarn.createApplication().getApplicationSubmissionContext();
      context.setApplicationName(name);
      context.setQueue("default");
      context.setUnmanagedAM(true);
      context.setResource(Resource.newInstance(128, 1));
      context.setAMContainerSpec(
          ContainerLaunchContext.newInstance(Map.of(), Map.of(), List.of(), null, null, null));
      id = yarn.submitApplication(context);
      Token<AMRMTokenIdentifier> token = awaitAttemptToken();
      UserGroupInformation.getCurrentUser().addToken(token);
      resourceManager = AMRMClient.createAMRMClient();
      resourceManager.init(configuration);
      resourceManager.start();
      resourceManager.registerApplicationMaster("", 0, "");
      nodeManagers = NMClient.createNMClient();
      nodeManagers.init(configuration);
      nodeManagers.start();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ApplicationId id() {
    return id;
  }

  YarnApplicationState state() {
    try {
      return yarn.getApplicationReport(id).getYarnApplicationState();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asks for one container, waits for it, and launches {@code command} in it; returns the container
   * (its node id says where it runs).
   */
  Container launch(String command, int memoryMb) {
    try {
      resourceManager.addContainerRequest(
          new ContainerRequest(
              Resource.newInstance(memoryMb, 1), null, null, Priority.newInstance(1)));
      List<Container> allocated = new ArrayList<>();
      await("a container for " + id)
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                allocated.addAll(resourceManager.allocate(0.1f).getAllocatedContainers());
                return !allocated.isEmpty();
              });
      Container container = allocated.get(0);
      resourceManager.removeContainerRequest(
          new ContainerRequest(container.getResource(), null, null, Priority.newInstance(1)));
      nodeManagers.startContainer(
          container,
          ContainerLaunchContext.newInstance(
              Map.of(), Map.of(), List.of(command), null, null, null));
      return container;
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Statuses of containers completed since the last heartbeat (one AM-RM heartbeat). */
  List<ContainerStatus> completed() {
    try {
      return resourceManager.allocate(0.5f).getCompletedContainersStatuses();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Unregisters: the application FINISHED / SUCCEEDED. */
  void finish() {
    try {
      resourceManager.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "done", "");
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The attempt's AMRM token, once the RM accepted the application. */
  private Token<AMRMTokenIdentifier> awaitAttemptToken() {
    return await("an AMRM token for " + id)
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                yarn.getApplicationReport(id).getYarnApplicationState()
                        == YarnApplicationState.ACCEPTED
                    ? yarn.getAMRMToken(id)
                    : null,
            token -> token != null);
  }

  @Override
  public void close() {
    nodeManagers.stop();
    resourceManager.stop();
    yarn.stop();
  }
}
