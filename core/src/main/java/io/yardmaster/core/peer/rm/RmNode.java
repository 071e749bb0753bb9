package io.yardmaster.core.peer.rm;

import static java.util.Objects.requireNonNull;

import io.micronaut.core.annotation.Nullable;

/**
 * A NodeManager as the ResourceManager's {@code /ws/v1/cluster/nodes} reports it; a count the RM
 * leaves out reads as 0.
 *
 * @param httpAddress the NodeManager's web address ({@code host:port}); null when the RM does not
 *     know it
 */
public record RmNode(
    String id,
    String hostName,
    String state,
    int containers,
    int usedVcores,
    long usedMemoryMb,
    int availableVcores,
    long availableMemoryMb,
    @Nullable String httpAddress) {
  public RmNode {
    requireNonNull(id, "a node without id");
    requireNonNull(hostName, "a node without nodeHostName");
    requireNonNull(state, "a node without state");
  }
}
