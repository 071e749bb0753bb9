package io.yardmaster.autoscaler.nodepool;

/**
 * HTTP 412 on a capacity write: the scale set changed since the read whose ETag was sent as
 * If-Match. Read again and recompute the target; never resend the old one.
 */
public final class EtagMismatchException extends NodePoolException {
  private final String sentEtag;

  public EtagMismatchException(String sentEtag, String cloudCode, String message, Throwable cause) {
    super(NodePoolErrorCode.PRECONDITION_FAILED, cloudCode, null, message, cause);
    this.sentEtag = sentEtag;
  }

  /** The ETag that no longer matched. */
  public String sentEtag() {
    return sentEtag;
  }
}
