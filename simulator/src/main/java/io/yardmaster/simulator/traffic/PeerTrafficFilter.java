package io.yardmaster.simulator.traffic;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.yardmaster.simulator.SimulatorConfig;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts every request to an emulated Livy or ResourceManager ({@code /sim/{cluster}/livy/...},
 * {@code /sim/{cluster}/rm/...}) in {@link PeerTraffic}, by method and path with ids folded to
 * {@code {id}}.
 */
@ServerFilter(patterns = {"/sim/*/livy/**", "/sim/*/rm/**"})
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class PeerTrafficFilter {
  private static final Pattern PEER_PATH = Pattern.compile("/sim/([^/]+)/(livy|rm)(/.*)?");
  private static final Pattern ID =
      Pattern.compile("/(\\d+|application_\\d+_\\d+|container_[0-9_e]+|appattempt_[0-9_]+)(?=/|$)");

  private final PeerTraffic traffic;

  public PeerTrafficFilter(PeerTraffic traffic) {
    this.traffic = traffic;
  }

  @RequestFilter
  public void count(HttpRequest<?> request) {
    operation(request.getMethodName(), request.getPath())
        .ifPresent(call -> traffic.record(call.cluster(), call.peer(), call.operation()));
  }

  /** The peer call a request path stands for, if it is one. */
  static Optional<PeerCall> operation(String method, String path) {
    Matcher matcher = PEER_PATH.matcher(path);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    String rest = matcher.group(3) == null ? "/" : matcher.group(3);
    String folded = ID.matcher(rest).replaceAll("/{id}");
    return Optional.of(new PeerCall(matcher.group(1), matcher.group(2), method + " " + folded));
  }

  /** One counted call: the cluster, the peer ({@code livy} or {@code rm}) and the operation. */
  record PeerCall(String cluster, String peer, String operation) {}
}
