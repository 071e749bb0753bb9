package io.yardmaster.simulator.contract;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.token.Token;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptId;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationSubmissionContext;
import org.apache.hadoop.yarn.api.records.ContainerLaunchContext;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.api.records.YarnApplicationAttemptState;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.AMRMClient;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.exceptions.YarnException;
import org.apache.hadoop.yarn.security.AMRMTokenIdentifier;

/**
 * Real YARN applications made with the YARN client API: unmanaged application masters played by
 * this JVM (so a test decides when an app runs and how it ends), and a managed AM whose container
 * sleeps on a NodeManager.
 */
final class YarnClientApplications implements AutoCloseable {
  private static final Duration STATE_TIMEOUT = Duration.ofSeconds(60);

  private final YarnConfiguration configuration;
  private final YarnClient yarn;
  private final List<AMRMClient<ContainerRequest>> masters = new ArrayList<>();

  /** A YARN client of the cluster whose {@code yarn-site.xml} is in the folder. */
  YarnClientApplications(Path hadoopConfDir) {
    this.configuration = new YarnConfiguration();
    configuration.addResource(
        new org.apache.hadoop.fs.Path(hadoopConfDir.resolve("yarn-site.xml").toUri()));
    this.yarn = YarnClient.createYarnClient();
    yarn.init(configuration);
    yarn.start();
  }

  /** An app in RUNNING: submitted with an unmanaged AM that this JVM registers. */
  String startRunning(String name, Set<String> tags) {
    ApplicationId id = submit(name, tags);
    registerMaster(id);
    awaitState(id, YarnApplicationState.RUNNING);
    return id.toString();
  }

  /**
   * An app whose managed application master container only sleeps: it holds a container on one
   * NodeManager for ten minutes (it never registers, so the RM keeps the app ACCEPTED meanwhile).
   */
  String startSleepingMaster(String name) {
    try {
      ApplicationSubmissionContext context =
          yarn.createApplication().getApplicationSubmissionContext();
      context.setApplicationName(name);
      context.setQueue("default");
      context.setMaxAppAttempts(1);
      context.setResource(Resource.newInstance(256, 1));
      context.setAMContainerSpec(
          ContainerLaunchContext.newInstance(
              Map.of(), Map.of(), List.of("sleep 600"), null, null, null));
      return yarn.submitApplication(context).toString();
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An app that ran and ended FINISHED / SUCCEEDED. */
  String runToSuccess(String name, Set<String> tags) {
    return runToEnd(name, tags, FinalApplicationStatus.SUCCEEDED, "done");
  }

  /**
   * An app whose master reported failure: FINISHED / FAILED, as a Spark driver that threw ends (the
   * AM unregisters on its last attempt).
   */
  String runToFailure(String name, Set<String> tags) {
    return runToEnd(name, tags, FinalApplicationStatus.FAILED, "User class threw an exception");
  }

  private String runToEnd(
      String name, Set<String> tags, FinalApplicationStatus status, String diagnostics) {
    ApplicationId id = submit(name, tags);
    AMRMClient<ContainerRequest> master = registerMaster(id);
    awaitState(id, YarnApplicationState.RUNNING);
    try {
      master.unregisterApplicationMaster(status, diagnostics, "");
    } catch (YarnException | IOException e) {
      throw new IllegalStateException(e);
    }
    awaitState(id, YarnApplicationState.FINISHED);
    return id.toString();
  }

  @Override
  public void close() {
    for (AMRMClient<ContainerRequest> master : masters) {
      master.stop();
    }
    yarn.stop();
  }

  private ApplicationId submit(String name, Set<String> tags) {
    try {
      ApplicationSubmissionContext context =
          yarn.createApplication().getApplicationSubmissionContext();
      context.setApplicationName(name);
      context.setApplicationType("SPARK");
      context.setApplicationTags(tags);
      context.setQueue("default");
      context.setUnmanagedAM(true);
      context.setMaxAppAttempts(1);
      context.setResource(Resource.newInstance(256, 1));
      context.setAMContainerSpec(
          ContainerLaunchContext.newInstance(Map.of(), Map.of(), List.of(), null, null, null));
      return yarn.submitApplication(context);
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private AMRMClient<ContainerRequest> registerMaster(ApplicationId id) {
    ApplicationAttemptId attempt =
        await("AM attempt of " + id + " launched")
            .atMost(STATE_TIMEOUT)
            .until(() -> launchedAttempt(id), launched -> launched != null);
    try {
      Token<AMRMTokenIdentifier> token = yarn.getAMRMToken(id);
      UserGroupInformation user = UserGroupInformation.createRemoteUser(attempt.toString());
      user.addToken(token);
      AMRMClient<ContainerRequest> master =
          user.doAs(
              (PrivilegedExceptionAction<AMRMClient<ContainerRequest>>)
                  () -> {
                    AMRMClient<ContainerRequest> client = AMRMClient.createAMRMClient();
                    client.init(configuration);
                    client.start();
                    client.registerApplicationMaster("localhost", 0, "");
                    return client;
                  });
      masters.add(master);
      return master;
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UndeclaredThrowableException(e);
    }
  }

  private ApplicationAttemptId launchedAttempt(ApplicationId id) throws YarnException, IOException {
    ApplicationReport report = yarn.getApplicationReport(id);
    ApplicationAttemptId attempt = report.getCurrentApplicationAttemptId();
    if (attempt == null) {
      return null;
    }
    YarnApplicationAttemptState state =
        yarn.getApplicationAttemptReport(attempt).getYarnApplicationAttemptState();
    return state == YarnApplicationAttemptState.LAUNCHED ? attempt : null;
  }

  private void awaitState(ApplicationId id, YarnApplicationState expected) {
    await(id + " " + expected)
        .atMost(STATE_TIMEOUT)
        .until(() -> report(id).getYarnApplicationState() == expected);
  }

  private ApplicationReport report(ApplicationId id) {
    try {
      return yarn.getApplicationReport(id);
    } catch (YarnException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
