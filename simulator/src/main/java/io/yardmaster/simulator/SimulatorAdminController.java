package io.yardmaster.simulator;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.simulator.livy.LivyServers;
import io.yardmaster.simulator.model.SimulatedCluster;
import io.yardmaster.simulator.model.SimulatedScaleSet;
import io.yardmaster.simulator.model.SimulatedVm;
import io.yardmaster.simulator.traffic.PeerTraffic;
import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Controls of the simulation that no real peer has: fast-forward, Livy restart, fault injection,
 * spot eviction, graceful decommission of NodeManagers.
 */
@Controller("/sim")
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class SimulatorAdminController {
  static final long MAX_SKIP_SECONDS = 7 * 24 * 3600;

  private final SimulatedFleet simulated;
  private final LivyServers livy;
  private final PeerFaults faults;
  private final PeerTraffic traffic;

  public SimulatorAdminController(
      SimulatedFleet simulated, LivyServers livy, PeerFaults faults, PeerTraffic traffic) {
    this.simulated = simulated;
    this.livy = livy;
    this.faults = faults;
    this.traffic = traffic;
  }

  /**
   * Fault to inject: answer {@code status} to the next {@code count} requests (-1, the default:
   * until cleared); only to {@code operation} if given (as {@code /sim/traffic} names it, e.g.
   * {@code POST /batches}); with the peer's {@code message} if given (Livy's busy answer is 400
   * {@code Rejected, too many sessions are being created!}); and, when {@code after} is true, once
   * the request was served: Livy created the batch, the caller gets the error.
   */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Fault(
      int status,
      @Nullable Integer count,
      @Nullable String operation,
      @Nullable String message,
      @Nullable Boolean after) {
    public Fault(int status, @Nullable Integer count) {
      this(status, count, null, null, null);
    }
  }

  /** Nodes to decommission gracefully, by node id or host name. */
  @Serdeable
  @JsonIgnoreProperties(ignoreUnknown = false)
  public record Decommission(@Nullable List<String> nodes) {}

  @Get("/clock")
  public Map<String, Object> clock() {
    return Map.of(
        "now", simulated.fleet().now().toString(), "speedUp", simulated.clock().speedUp());
  }

  /** Fast-forward simulated time. */
  @Post("/clock/skip")
  public Map<String, Object> skip(@QueryValue long seconds) {
    if (seconds < 0 || seconds > MAX_SKIP_SECONDS) {
      throw ApiException.invalidParameter(
          "seconds", "seconds is 0.." + MAX_SKIP_SECONDS + " (a week), got " + seconds);
    }
    simulated.clock().skip(Duration.ofSeconds(seconds));
    return clock();
  }

  /**
   * Requests served so far by each cluster's emulated Livy and RM, by operation, e.g. {@code
   * {"alpha": {"livy": {"GET /batches": 12, "POST /batches": 3}}}}. Never reset: take deltas.
   */
  @Get("/traffic")
  public Map<String, Map<String, Map<String, Long>>> traffic() {
    return traffic.snapshot();
  }

  @Post("/{cluster}/livy-admin/restart")
  public HttpResponse<?> restartLivy(String cluster) {
    return livy.server(cluster)
        .<HttpResponse<?>>map(
            server -> {
              server.restart();
              return HttpResponse.ok(Map.of("msg", "restarted"));
            })
        .orElseGet(() -> unknownCluster(cluster));
  }

  @Post("/{cluster}/{peer:livy|rm}-admin/fault")
  public HttpResponse<?> injectFault(String cluster, String peer, @Body Fault fault) {
    if (simulated.fleet().cluster(cluster).isEmpty()) {
      return unknownCluster(cluster);
    }
    if (fault.status() < 400 || fault.status() > 599) {
      throw ApiException.invalidParameter(
          "status", "a fault is a 4xx or 5xx status, got " + fault.status());
    }
    faults
        .of(cluster, peer)
        .inject(
            new FaultInjector.Fault(
                fault.status(),
                fault.operation(),
                fault.message(),
                Boolean.TRUE.equals(fault.after())),
            fault.count() == null ? -1 : fault.count());
    return HttpResponse.ok(Map.of("msg", "injected"));
  }

  @Delete("/{cluster}/{peer:livy|rm}-admin/fault")
  public HttpResponse<?> clearFault(String cluster, String peer) {
    faults.of(cluster, peer).clear();
    return HttpResponse.ok(Map.of("msg", "cleared"));
  }

  @Post("/{cluster}/rm-admin/decommission")
  public HttpResponse<?> decommission(String cluster, @Body Decommission request) {
    return onKnownNodes(
        cluster,
        request,
        (found, nodes) -> {
          nodes.forEach(found::decommission);
          return "decommissioning " + nodes;
        });
  }

  /** Hosts out of the exclude list: decommissioning nodes run again (decommissioned ones not). */
  @Post("/{cluster}/rm-admin/recommission")
  public HttpResponse<?> recommission(String cluster, @Body Decommission request) {
    return onKnownNodes(
        cluster,
        request,
        (found, nodes) -> "running again " + nodes.stream().filter(found::recommission).toList());
  }

  /** Applies {@code action} to the request's nodes if the cluster knows every one, else a 4xx. */
  private HttpResponse<?> onKnownNodes(
      String cluster,
      Decommission request,
      BiFunction<SimulatedCluster, List<String>, String> action) {
    Optional<SimulatedCluster> found = simulated.fleet().cluster(cluster);
    if (found.isEmpty()) {
      return unknownCluster(cluster);
    }
    if (request.nodes() == null || request.nodes().contains(null)) {
      throw ApiException.invalidParameter("nodes", "nodes is a list of node ids or host names");
    }
    List<String> unknown =
        request.nodes().stream().filter(node -> found.get().node(node).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw ApiException.invalidParameter("nodes", "unknown nodes " + unknown);
    }
    return HttpResponse.ok(Map.of("msg", action.apply(found.get(), request.nodes())));
  }

  /** Spot eviction of {@code count} VMs of the scale set named by its ARM id. */
  @Post("/scale-sets/evict")
  public HttpResponse<?> evict(@QueryValue String scaleSetId, @QueryValue int count) {
    Optional<SimulatedScaleSet> scaleSet = simulated.fleet().scaleSet(scaleSetId);
    if (scaleSet.isEmpty()) {
      throw new ApiException(ApiErrorCode.NOT_FOUND, "no scale set " + scaleSetId);
    }
    try {
      List<SimulatedVm> evicted = scaleSet.get().evict(count);
      return HttpResponse.ok(
          Map.of("evicted", evicted.stream().map(SimulatedVm::instanceId).toList()));
    } catch (IllegalStateException e) {
      throw ApiException.invalidParameter("count", e.getMessage());
    }
  }

  private static HttpResponse<?> unknownCluster(String cluster) {
    throw new ApiException(
        ApiErrorCode.CLUSTER_NOT_FOUND, "no simulated cluster '" + cluster + "'");
  }
}
