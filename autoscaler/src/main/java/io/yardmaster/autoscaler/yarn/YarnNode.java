package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;
import java.util.Locale;

/**
 * A NodeManager as the ResourceManager's {@code /ws/v1/cluster/nodes} reports it.
 *
 * @param httpAddress the NodeManager's web address ({@code nodeHTTPAddress}, {@code host:port}),
 *     where its own REST API answers; null or empty when the RM does not know it
 */
public record YarnNode(
    String id,
    String hostName,
    String state,
    int containers,
    int usedVcores,
    long usedMemoryMb,
    int availableVcores,
    long availableMemoryMb,
    @Nullable String httpAddress) {
  public YarnNode {
    requireNonNull(id, "id is null");
    requireNonNull(hostName, "hostName is null");
    requireNonNull(state, "state is null");
  }

  /** The host name's first label, lower case: how a VM's computer name is matched to a node. */
  public String shortHostName() {
    return shortName(hostName);
  }

  public static String shortName(String host) {
    int dot = host.indexOf('.');
    return (dot < 0 ? host : host.substring(0, dot)).toLowerCase(Locale.ROOT);
  }
}
