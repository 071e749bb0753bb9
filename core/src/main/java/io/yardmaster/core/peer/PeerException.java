package io.yardmaster.core.peer;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A request to a peer that did not succeed, classified by what it tells about the request's effect.
 * The four classes are all there is ({@code sealed}), so a caller's {@code switch} covers every
 * case:
 *
 * <ul>
 *   <li>{@link NotSent}: nothing reached the peer; send it again, here or elsewhere.
 *   <li>{@link OutcomeUnknown}: a request that is not safe to repeat (a POST) reached the peer, or
 *       may have, and no clear answer came back; the peer may have carried it out.
 *   <li>{@link Rejected}: the peer answered that it will not do this (4xx); repeating will not
 *       help.
 *   <li>{@link Transient}: a request safe to repeat (GET, PUT, DELETE) got no clear answer, or the
 *       peer failed on its side (5xx); try again later.
 * </ul>
 */
public abstract sealed class PeerException extends RuntimeException {
  private final Peer peer;
  private final String method;
  private final URI uri;

  private PeerException(Peer peer, String method, URI uri, String reason, Throwable cause) {
    super(peer + ": " + method + " " + uri.getPath() + ": " + reason, cause);
    this.peer = requireNonNull(peer, "peer is null");
    this.method = requireNonNull(method, "method is null");
    this.uri = requireNonNull(uri, "uri is null");
  }

  public Peer peer() {
    return peer;
  }

  public String method() {
    return method;
  }

  public URI uri() {
    return uri;
  }

  /** Connection refused, unknown host, connect or TLS handshake failed: no byte was sent. */
  public static final class NotSent extends PeerException {
    public NotSent(Peer peer, String method, URI uri, String reason, Throwable cause) {
      super(peer, method, uri, "not sent: " + reason, cause);
    }
  }

  /**
   * Sent (or maybe sent) and not answered clearly: a timeout, a connection lost before the answer,
   * a 5xx or an answer that does not read. Only for requests that are not safe to repeat.
   */
  public static final class OutcomeUnknown extends PeerException {
    private final int status;

    public OutcomeUnknown(
        Peer peer, String method, URI uri, int status, String reason, Throwable cause) {
      super(peer, method, uri, "outcome unknown: " + reason, cause);
      this.status = status;
    }

    /** The HTTP status the peer answered, or 0 when none came. */
    public int status() {
      return status;
    }
  }

  /** The peer answered a 4xx (or a redirect, which is never followed): it refused the request. */
  public static final class Rejected extends PeerException {
    /** How much of a refusal's body is kept: enough for its message, never a whole error page. */
    static final int BODY_LIMIT = 8192;

    private final int status;
    private final byte[] body;

    public Rejected(Peer peer, String method, URI uri, int status, byte[] body) {
      super(peer, method, uri, "rejected: HTTP " + status, null);
      this.status = status;
      this.body = body.length > BODY_LIMIT ? Arrays.copyOf(body, BODY_LIMIT) : body;
    }

    public int status() {
      return status;
    }

    /** The start of the peer's answer, as text. */
    public String body() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public byte[] bodyBytes() {
      return body.clone();
    }
  }

  /**
   * A request safe to repeat that failed after it was sent (a timeout, a lost connection, an answer
   * that does not read), or that the peer failed on its side (5xx).
   */
  public static final class Transient extends PeerException {
    private final int status;

    public Transient(
        Peer peer, String method, URI uri, int status, String reason, Throwable cause) {
      super(peer, method, uri, "transient: " + reason, cause);
      this.status = status;
    }

    /** The HTTP status the peer answered, or 0 when none came. */
    public int status() {
      return status;
    }
  }
}
