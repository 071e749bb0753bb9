package io.yardmaster.simulator.yarn;

/**
 * A request the RM answers with 400 and a RemoteException body: a {@code BadRequestException}, or
 * an {@code IllegalArgumentException} that escaped the RM's code (e.g. an unknown node state).
 */
final class YarnBadRequestException extends RuntimeException {
  private final String exception;
  private final String javaClassName;

  private YarnBadRequestException(String message, String exception, String javaClassName) {
    super(message);
    this.exception = exception;
    this.javaClassName = javaClassName;
  }

  /**
   * YARN's {@code new BadRequestException(String)}: the message reads {@code java.lang.Exception:
   * <message>}.
   */
  static YarnBadRequestException of(String message) {
    return new YarnBadRequestException(
        "java.lang.Exception: " + message,
        "BadRequestException",
        "org.apache.hadoop.yarn.webapp.BadRequestException");
  }

  /** YARN's {@code new BadRequestException(cause)}: the message is the cause's toString. */
  static YarnBadRequestException causedBy(RuntimeException cause) {
    return new YarnBadRequestException(
        cause.toString(),
        "BadRequestException",
        "org.apache.hadoop.yarn.webapp.BadRequestException");
  }

  /** An IllegalArgumentException the RM's web layer reports as such. */
  static YarnBadRequestException illegalArgument(String message) {
    return new YarnBadRequestException(
        message, "IllegalArgumentException", "java.lang.IllegalArgumentException");
  }

  String exception() {
    return exception;
  }

  String javaClassName() {
    return javaClassName;
  }
}
