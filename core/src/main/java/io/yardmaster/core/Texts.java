package io.yardmaster.core;

/**
 * Bounds texts Yardmaster composes (reasons, diagnostics, messages) to what their column or field
 * holds. A cut text ends with an ellipsis and never splits a surrogate pair.
 */
public final class Texts {
  private static final String ELLIPSIS = "…";

  private Texts() {}

  /** {@code text} if at most {@code max} characters long, else its start and an ellipsis. */
  public static String bounded(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, Math.max(0, end)) + ELLIPSIS;
  }
}
