package io.yardmaster.jobs;

import java.util.List;
import java.util.Locale;

/**
 * Spark conf keys a caller may not set: they would change where or as whom the job runs, or remove
 * the tags Yardmaster finds its apps by.
 */
final class ConfPolicy {
  static final List<String> DENIED_KEYS =
      List.of(
          "spark.master",
          "spark.submit.deploymode",
          "spark.yarn.keytab",
          "spark.yarn.principal",
          "spark.kerberos.keytab",
          "spark.kerberos.principal",
          "spark.yarn.tags",
          "spark.yarn.queue",
          "spark.app.name",
          "spark.proxyuser");
  static final List<String> DENIED_PREFIXES = List.of("spark.kerberos.", "spark.yarn.am.keytab");

  private ConfPolicy() {}

  static boolean denied(String key) {
    String lower = key.trim().toLowerCase(Locale.ROOT);
    return DENIED_KEYS.contains(lower) || DENIED_PREFIXES.stream().anyMatch(lower::startsWith);
  }
}
