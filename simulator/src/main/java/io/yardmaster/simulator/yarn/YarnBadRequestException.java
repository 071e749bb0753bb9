package io.yardmaster.simulator.yarn;

/** A request the RM answers with 400 and a {@code BadRequestException} RemoteException body. */
final class YarnBadRequestException extends RuntimeException {
  YarnBadRequestException(String message) {
    super(message);
  }
}
