package io.yardmaster.jobs.policy;

import io.yardmaster.jobs.api.SparkBatch;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a job's application, jars, files, pyFiles and archives may come from: each must start with
 * one of the cluster's allowed prefixes (the scheme compared without case, the rest exactly), and
 * no path may climb out of it with {@code ..}. By default only cluster storage and files on every
 * node are allowed; {@code file:}, a bare path and {@code http(s):} are not, since Livy's host
 * would read or fetch them.
 */
public record FilePolicy(List<String> allowedPrefixes) {
  public static final List<String> DEFAULT_PREFIXES =
      List.of("hdfs://", "abfs://", "abfss://", "wasb://", "wasbs://", "s3a://", "gs://", "local:");
  private static final Pattern SCHEME = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*):(.*)");

  public FilePolicy {
    allowedPrefixes = allowedPrefixes.stream().map(FilePolicy::normalised).toList();
  }

  /** The problems of every file the batch names, each naming its field. */
  public List<String> problems(SparkBatch batch) {
    List<String> problems = new ArrayList<>();
    check(problems, "batch.file", batch.file());
    checkAll(problems, "batch.jars", batch.jars());
    checkAll(problems, "batch.pyFiles", batch.pyFiles());
    checkAll(problems, "batch.files", batch.files());
    checkAll(problems, "batch.archives", batch.archives());
    return problems;
  }

  private void checkAll(List<String> problems, String field, List<String> values) {
    for (int i = 0; i < values.size(); i++) {
      check(problems, field + "[" + i + "]", values.get(i));
    }
  }

  private void check(List<String> problems, String field, String value) {
    if (value == null) {
      return;
    }
    // An archive may carry "#alias", the name it is unpacked under.
    String location = value.contains("#") ? value.substring(0, value.indexOf('#')) : value;
    if (climbs(location)) {
      problems.add(field + ": '" + value + "' may not contain '..' path segments");
      return;
    }
    String normalised = normalised(location);
    if (allowedPrefixes.stream().noneMatch(normalised::startsWith)) {
      problems.add(field + ": '" + value + "' is not under an allowed location " + allowedPrefixes);
    }
  }

  private static boolean climbs(String location) {
    String path;
    try {
      URI uri = new URI(location);
      path = uri.getPath() != null ? uri.getPath() : uri.getSchemeSpecificPart();
    } catch (URISyntaxException e) {
      path = location;
    }
    for (String segment : (path == null ? location : path).split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  /** The scheme in lower case, the rest as written. */
  static String normalised(String location) {
    Matcher matcher = SCHEME.matcher(location.trim());
    return matcher.matches()
        ? matcher.group(1).toLowerCase(Locale.ROOT) + ":" + matcher.group(2)
        : location.trim();
  }
}
