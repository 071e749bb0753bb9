package io.yardmaster.simulator.livy;

/** A request Livy answers with 400 and {@code {"msg": message}}. */
public final class LivyBadRequestException extends RuntimeException {
  public LivyBadRequestException(String message) {
    super(message);
  }
}
