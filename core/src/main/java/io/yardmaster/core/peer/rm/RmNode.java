package io.yardmaster.core.peer.rm;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A NodeManager as the ResourceManager's {@code /ws/v1/cluster/nodes} reports it.
 *
 * @param httpAddress the NodeManager's web address ({@code host:port}); null when the RM does not
 *     know it
 */
@Serdeable
public record RmNode(
    String id,
    @JsonProperty("nodeHostName") String hostName,
    String state,
    @JsonProperty("numContainers") int containers,
    @JsonProperty("usedVirtualCores") int usedVcores,
    @JsonProperty("usedMemoryMB") long usedMemoryMb,
    @JsonProperty("availableVirtualCores") int availableVcores,
    @JsonProperty("availMemoryMB") long availableMemoryMb,
    @JsonProperty("nodeHTTPAddress") @Nullable String httpAddress) {
  public RmNode {
    requireNonNull(id, "a node without id");
    requireNonNull(hostName, "a node without nodeHostName");
    requireNonNull(state, "a node without state");
  }
}
