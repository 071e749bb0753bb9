package io.yardmaster.health;

/** What the last probe of a peer (a cluster's Livy or ResourceManager) found. */
public enum PeerStatus {
  /** Not probed yet. */
  UNKNOWN,
  UP,
  DOWN
}
