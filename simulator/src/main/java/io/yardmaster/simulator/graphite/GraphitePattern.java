package io.yardmaster.simulator.graphite;

import java.util.regex.Pattern;

/** A Graphite path expression: {@code *}, {@code ?}, {@code [..]} and {@code {a,b}} per level. */
final class GraphitePattern {
  private final Pattern regex;
  private final int levels;

  GraphitePattern(String expression) {
    StringBuilder regex = new StringBuilder();
    int levels = 1;
    boolean inBraces = false;
    for (char c : expression.toCharArray()) {
      switch (c) {
        case '*' -> regex.append("[^.]*");
        case '?' -> regex.append("[^.]");
        case '{' -> {
          inBraces = true;
          regex.append("(?:");
        }
        case '}' -> {
          inBraces = false;
          regex.append(")");
        }
        case ',' -> regex.append(inBraces ? "|" : ",");
        case '[', ']' -> regex.append(c);
        case '.' -> {
          levels++;
          regex.append("\\.");
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    this.regex = Pattern.compile(regex.toString());
    this.levels = levels;
  }

  int levels() {
    return levels;
  }

  boolean matches(String path) {
    return regex.matcher(path).matches();
  }
}
