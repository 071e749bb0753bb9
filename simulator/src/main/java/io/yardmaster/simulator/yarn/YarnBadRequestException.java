package io.yardmaster.simulator.yarn;

/** A request the RM answers with 400 and a {@code BadRequestException} RemoteException body. */
final class YarnBadRequestException extends RuntimeException {
  private YarnBadRequestException(String message) {
    super(message);
  }

  /**
   * YARN's {@code new BadRequestException(String)}: the message reads {@code java.lang.Exception:
   * <message>}.
   */
  static YarnBadRequestException of(String message) {
    return new YarnBadRequestException("java.lang.Exception: " + message);
  }

  /** YARN's {@code new BadRequestException(cause)}: the message is the cause's toString. */
  static YarnBadRequestException causedBy(RuntimeException cause) {
    return new YarnBadRequestException(cause.toString());
  }
}
