package io.yardmaster.autoscaler;

import io.micronaut.json.JsonMapper;
import io.yardmaster.autoscaler.yarn.RestResourceManager;
import io.yardmaster.core.peer.NoPeerCredentials;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import java.net.URI;

/** The peer layer as the application wires it by default, for tests that build beans by hand. */
public final class TestPeers {
  private static final PeerClient CLIENT =
      new PeerClient(PeerConfig.defaults(), new NoPeerCredentials(), JsonMapper.createDefault());

  private TestPeers() {}

  public static PeerClient client() {
    return CLIENT;
  }

  public static RestResourceManager resourceManager() {
    return new RestResourceManager(new ResourceManagerClient(CLIENT));
  }

  /** What reading a NodeManager that refuses connections throws. */
  public static PeerException refusedNodeManager(String host) {
    return new PeerException.NotSent(
        Peer.nodeManager(null),
        "GET",
        URI.create("http://" + host + ":8042/ws/v1/node/apps"),
        "connection refused",
        null);
  }
}
