package io.yardmaster.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.client.api.YarnClientApplication;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;

/**
 * An application master run inside the test (YARN's "unmanaged AM"): it takes no container itself,
 * so every container on the cluster is one the test asked for, one at a time.
 */
final class UnmanagedApplicationMaster {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private final YarnClient yarn;
  private final ApplicationId applicationId;
  private final UserGroupInformation user;
  private final AMRMClient<ContainerRequest> client;
  private int nextPriority = 1;

  private UnmanagedApplicationMaster(
      YarnClient yarn,
      ApplicationId applicationId,
      UserGroupInformation user,
      AMRMClient<ContainerRequest> client) {
    this.yarn = yarn;
    this.applicationId = applicationId;
    this.user = user;
    this.client = client;
  }

  /** Submits an application to the queue and registers as its application master. */
  static UnmanagedApplicationMaster register(YarnClient yarn, Configuration conf, String queue)
      throws Exception {
    YarnClientApplication application = yarn.createApplication();
    ApplicationSubmissionContext context = application.getApplicationSubmissionContext();
    ApplicationId applicationId = context.getApplicationId();
    context.setApplicationName("placement-" + queue);
    context.setQueue(queue);
    context.setUnmanagedAM(true);
    context.setResource(Resource.newInstance(256, 1));
    context.setAMContainerSpec(
        ContainerLaunchContext.newInstance(
            Map.of(), Map.of(), List.of(), Map.of(), null, Map.of()));
    yarn.submitApplication(context);

    ApplicationAttemptId attemptId =
        await()
            .atMost(PATIENCE)
            .until(() -> launchedAttempt(yarn, applicationId), attempt -> attempt != null);
    Token<AMRMTokenIdentifier> token = yarn.getAMRMToken(applicationId);
    UserGroupInformation user = UserGroupInformation.createRemoteUser(attemptId.toString());
    user.addToken(token);
    AMRMClient<ContainerRequest> client =
        user.doAs(
            (PrivilegedExceptionAction<AMRMClient<ContainerRequest>>)
                () -> {
                  AMRMClient<ContainerRequest> started = AMRMClient.createAMRMClient();
                  started.init(conf);
                  started.start();
                  started.registerApplicationMaster("localhost", 0, "");
                  return started;
                });
    return new UnmanagedApplicationMaster(yarn, applicationId, user, client);
  }

  /** The current attempt once YARN has launched it (for an unmanaged AM: handed it to us). */
  private static ApplicationAttemptId launchedAttempt(YarnClient yarn, ApplicationId applicationId)
      throws Exception {
    ApplicationAttemptId attempt =
        yarn.getApplicationReport(applicationId).getCurrentApplicationAttemptId();
    if (attempt == null) {
      return null;
    }
    YarnApplicationAttemptState state =
        yarn.getApplicationAttemptReport(attempt).getYarnApplicationAttemptState();
    return state == YarnApplicationAttemptState.LAUNCHED ? attempt : null;
  }

  /** Asks for one container of this size and returns it once the scheduler has placed it. */
  Container place(long memoryMb, int vcores) throws Exception {
    ContainerRequest request =
        new ContainerRequest(
            Resource.newInstance(memoryMb, vcores),
            null,
            null,
            Priority.newInstance(nextPriority++));
    List<Container> placed = new ArrayList<>();
    as(
        () -> {
          client.addContainerRequest(request);
          return null;
        });
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              placed.addAll(as(() -> client.allocate(0.5f).getAllocatedContainers()));
              return !placed.isEmpty();
            });
    // Withdrawn before the next heartbeat, or the client would ask for the container again.
    as(
        () -> {
          client.removeContainerRequest(request);
          return null;
        });
    assertThat(placed).as("one request, one container").hasSize(1);
    return placed.get(0);
  }

  /** Unregisters; the ResourceManager then releases every container of the application. */
  void finish() throws Exception {
    as(
        () -> {
          client.unregisterApplicationMaster(FinalApplicationStatus.SUCCEEDED, "", "");
          client.stop();
          return null;
        });
    await()
        .atMost(PATIENCE)
        .until(
            () -> yarn.getApplicationReport(applicationId).getYarnApplicationState(),
            state -> state == YarnApplicationState.FINISHED);
  }

  private <T> T as(PrivilegedExceptionAction<T> action) throws Exception {
    return user.doAs(action);
  }
}
