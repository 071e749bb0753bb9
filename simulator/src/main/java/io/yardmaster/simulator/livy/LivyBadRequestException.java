package io.yardmaster.simulator.livy;

/**
 * A request Livy answers with 400: {@code {"msg": message}} for its own checks, a bare JSON string
 * for Jackson's mapping errors (Livy's JsonServlet renders those as a string).
 */
public final class LivyBadRequestException extends RuntimeException {
  private final boolean bareString;

  public LivyBadRequestException(String message) {
    this(message, false);
  }

  private LivyBadRequestException(String message, boolean bareString) {
    super(message);
    this.bareString = bareString;
  }

  /** A Jackson parse or mapping error, answered as a bare JSON string. */
  static LivyBadRequestException jackson(String message) {
    return new LivyBadRequestException(message, true);
  }

  public boolean bareString() {
    return bareString;
  }
}
