package io.yardmaster.backend.livy;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.yardmaster.backend.ApplicationStatus;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.BackendException.Kind;
import io.yardmaster.backend.BatchLog;
import io.yardmaster.backend.BatchState;
import io.yardmaster.backend.BatchStatus;
import io.yardmaster.backend.BatchSubmission;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerAnswer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.peer.rm.RmApplication;
import io.yardmaster.core.registry.ClusterConfig;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link ComputeBackend} over Livy's REST API, and the ResourceManager's by tag, both through the
 * peer layer. The layer's failures map to {@link BackendException.Kind}: not sent stays {@code
 * NOT_SENT}; a refusal is {@code REJECTED}, or {@code BUSY} / {@code DUPLICATE} by Livy's message;
 * anything else (a timeout, a 5xx, an answer that does not read) is {@code OUTCOME_UNKNOWN}.
 */
@Singleton
public final class LivyComputeBackend implements ComputeBackend {
  private static final int MESSAGE_LIMIT = 500;

  private final PeerClient http;
  private final ResourceManagerClient resourceManagers;
  private final JsonMapper json;

  public LivyComputeBackend(
      PeerClient http, ResourceManagerClient resourceManagers, JsonMapper json) {
    this.http = requireNonNull(http, "http is null");
    this.resourceManagers = requireNonNull(resourceManagers, "resourceManagers is null");
    this.json = requireNonNull(json, "json is null");
  }

  @Override
  public BatchStatus submit(ClusterConfig cluster, BatchSubmission submission) {
    LivyJson.BatchRequest body =
        new LivyJson.BatchRequest(
            submission.file(),
            submission.className(),
            orNull(submission.args()),
            orNull(submission.jars()),
            orNull(submission.pyFiles()),
            orNull(submission.files()),
            orNull(submission.archives()),
            submission.driverMemory(),
            submission.driverCores(),
            submission.executorMemory(),
            submission.executorCores(),
            submission.numExecutors(),
            submission.queue(),
            submission.name(),
            submission.proxyUser(),
            submission.conf());
    try {
      PeerAnswer answer = http.send(livy(cluster), "POST", uri(cluster, "batches"), body);
      return status(http.read(answer, Argument.of(LivyJson.Batch.class)));
    } catch (PeerException.Rejected e) {
      if (unauthenticated(e)) {
        throw backend(e);
      }
      String message = message(e);
      String lower = message.toLowerCase(Locale.ROOT);
      if (lower.contains("too many sessions")) {
        throw new BackendException(Kind.BUSY, message);
      }
      if (lower.contains("duplicate session name")) {
        throw new BackendException(Kind.DUPLICATE, message);
      }
      throw new BackendException(Kind.REJECTED, "Livy answered " + e.status() + ": " + message);
    } catch (PeerException e) {
      throw backend(e);
    }
  }

  @Override
  public BatchPage batches(ClusterConfig cluster, int from, int size) {
    LivyJson.Batches page =
        call(
            () ->
                http.get(
                    livy(cluster),
                    uri(cluster, "batches?from=" + from + "&size=" + size),
                    LivyJson.Batches.class));
    List<LivyJson.Batch> sessions = page.sessions() == null ? List.of() : page.sessions();
    return new BatchPage(
        page.from(), page.total(), sessions.stream().map(LivyComputeBackend::status).toList());
  }

  @Override
  public Optional<BatchStatus> batch(ClusterConfig cluster, int batchId) {
    try {
      return Optional.of(
          status(
              http.get(livy(cluster), uri(cluster, "batches/" + batchId), LivyJson.Batch.class)));
    } catch (PeerException.Rejected e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw backend(e);
    } catch (PeerException e) {
      throw backend(e);
    }
  }

  @Override
  public List<ApplicationStatus> applicationsTagged(
      ClusterConfig cluster, Collection<String> tags) {
    return call(() -> resourceManagers.applicationsTagged(cluster, tags)).stream()
        .map(LivyComputeBackend::application)
        .toList();
  }

  @Override
  public boolean killBatch(ClusterConfig cluster, int batchId) {
    try {
      http.send(livy(cluster), "DELETE", uri(cluster, "batches/" + batchId), null);
      return true;
    } catch (PeerException.Rejected e) {
      if (e.status() == 404) {
        return false;
      }
      throw backend(e);
    } catch (PeerException e) {
      throw backend(e);
    }
  }

  @Override
  public void killApplication(ClusterConfig cluster, String applicationId) {
    call(
        () -> {
          resourceManagers.kill(cluster, applicationId);
          return null;
        });
  }

  @Override
  public Optional<BatchLog> log(ClusterConfig cluster, int batchId, int from, int size) {
    LivyJson.Log log;
    try {
      log =
          http.get(
              livy(cluster),
              uri(cluster, "batches/" + batchId + "/log?from=" + from + "&size=" + size),
              LivyJson.Log.class);
    } catch (PeerException.Rejected e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw backend(e);
    } catch (PeerException e) {
      throw backend(e);
    }
    return Optional.of(
        new BatchLog(log.from(), log.total(), log.log() == null ? List.of() : log.log()));
  }

  private static BatchStatus status(LivyJson.Batch batch) {
    LivyJson.AppInfo info = batch.appInfo();
    return new BatchStatus(
        batch.id(),
        batch.name(),
        BatchState.parse(batch.state()),
        batch.appId(),
        info == null ? null : info.sparkUiUrl(),
        info == null ? null : info.driverLogUrl());
  }

  private static ApplicationStatus application(RmApplication app) {
    return new ApplicationStatus(
        app.id(),
        app.state(),
        app.finalStatus(),
        app.diagnostics(),
        app.trackingUrl(),
        app.amContainerLogs(),
        app.tags());
  }

  private static <T> T call(Supplier<T> request) {
    try {
      return request.get();
    } catch (PeerException e) {
      throw backend(e);
    }
  }

  /** The layer's class as what it means for a batch. */
  private static BackendException backend(PeerException e) {
    if (e instanceof PeerException.NotSent) {
      return new BackendException(Kind.NOT_SENT, e.getMessage());
    }
    if (e instanceof PeerException.Rejected rejected && unauthenticated(rejected)) {
      // Livy, or the gateway in front of it, did not take Yardmaster's credentials: nothing was
      // created, and the job waits for the operator to fix them (the cluster shows DOWN).
      return new BackendException(
          Kind.NOT_SENT,
          e.getMessage() + ": Yardmaster's credentials were refused; see the cluster's livy-auth");
    }
    if (e instanceof PeerException.Rejected rejected) {
      return new BackendException(Kind.REJECTED, e.getMessage() + ": " + bounded(rejected.body()));
    }
    // OutcomeUnknown, Transient: sent, and no clear answer
    return new BackendException(Kind.OUTCOME_UNKNOWN, e.getMessage());
  }

  /** 401 (no or wrong credentials) or 407 (a proxy's): not the batch's fault. */
  private static boolean unauthenticated(PeerException.Rejected e) {
    return e.status() == 401 || e.status() == 407;
  }

  /** Livy's {@code {"msg": ...}}, or the start of the raw answer. */
  private String message(PeerException.Rejected e) {
    try {
      LivyJson.Message message = json.readValue(e.bodyBytes(), LivyJson.Message.class);
      if (message != null && message.msg() != null) {
        return message.msg();
      }
    } catch (IOException | RuntimeException ignored) {
      // not Livy's {"msg": ...}: fall through to the raw text
    }
    return bounded(e.body());
  }

  private static String bounded(String text) {
    return text.length() > MESSAGE_LIMIT ? text.substring(0, MESSAGE_LIMIT) : text;
  }

  private static Peer livy(ClusterConfig cluster) {
    return Peer.livy(cluster.name());
  }

  private static URI uri(ClusterConfig cluster, String path) {
    return PeerClient.join(cluster.livyUrl(), path);
  }

  private static List<String> orNull(List<String> values) {
    return values.isEmpty() ? null : values;
  }
}
