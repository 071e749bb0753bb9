package io.yardmaster.autoscaler.http;

/** A peer (Graphite, a ResourceManager) could not be read: the tick must not act on its data. */
public final class PeerReadException extends RuntimeException {
  public PeerReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
