package io.yardmaster.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.Map;

/**
 * The ResourceManager's {@code /ws/v1/cluster/metrics} over {@link FakePeers}: memory as set per
 * cluster, vcores in the same proportion; a cluster without usage set answers 404.
 */
@Controller("/fake/{cluster}/rm/ws/v1/cluster/metrics")
@Requires(property = FakePeers.ENABLED, value = "true")
public final class FakeClusterMetricsController {
  private final FakePeers peers;

  public FakeClusterMetricsController(FakePeers peers) {
    this.peers = peers;
  }

  @Get
  public HttpResponse<?> metrics(String cluster) {
    return peers
        .usage(cluster)
        .<HttpResponse<?>>map(
            usage -> {
              long used = usage[0];
              long total = usage[1];
              long totalCores = total / 8192;
              long usedCores = totalCores * used / Math.max(1, total);
              return HttpResponse.ok(
                  Map.of(
                      "clusterMetrics",
                      Map.of(
                          "appsPending",
                          0,
                          "reservedMB",
                          0,
                          "availableMB",
                          total - used,
                          "allocatedMB",
                          used,
                          "totalMB",
                          total,
                          "reservedVirtualCores",
                          0,
                          "availableVirtualCores",
                          totalCores - usedCores,
                          "allocatedVirtualCores",
                          usedCores,
                          "totalVirtualCores",
                          totalCores)));
            })
        .orElseGet(() -> HttpResponse.notFound(Map.of("message", "no metrics for " + cluster)));
  }
}
