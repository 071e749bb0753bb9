package io.yardmaster.core.spark;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A conf key pattern: a key, or a glob where {@code *} stands for any characters (dots too), e.g.
 * {@code spark.hadoop.*} or {@code spark.*.extraJavaOptions}. Matching ignores case: Spark would
 * not read {@code spark.Master}, but a policy must not be dodged by it either.
 */
public record KeyPattern(String glob, Pattern regex) {
  public static KeyPattern of(String glob) {
    String[] parts = glob.trim().toLowerCase(Locale.ROOT).split("\\*", -1);
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(parts[i]));
    }
    return new KeyPattern(glob.trim(), Pattern.compile(regex.toString()));
  }

  public boolean matches(String key) {
    return regex.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  @Override
  public String toString() {
    return glob;
  }
}
