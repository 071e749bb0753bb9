package io.yardmaster.testing;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of an OpenAPI 3 YAML document as micronaut-openapi writes it (paths at two spaces,
 * methods at four), each as "METHOD /path" with the YAML text of its operation object.
 */
public record OpenApiDocument(SortedMap<String, String> blocks) {
  private static final Pattern PATH = Pattern.compile("^  (/\\S+):\\s*$");
  private static final Pattern METHOD =
      Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");

  public OpenApiDocument {
    requireNonNull(blocks, "blocks is null");
    blocks = Collections.unmodifiableSortedMap(new TreeMap<>(blocks));
  }

  public static OpenApiDocument parse(String yaml) {
    SortedMap<String, String> blocks = new TreeMap<>();
    String path = null;
    String operation = null;
    StringBuilder block = new StringBuilder();
    for (String line : yaml.split("\n")) {
      Matcher pathLine = PATH.matcher(line);
      Matcher methodLine = METHOD.matcher(line);
      boolean ends = line.matches("^\\S.*") || pathLine.matches() || methodLine.matches();
      if (ends && operation != null) {
        blocks.put(operation, block.toString());
        operation = null;
      }
      if (line.matches("^\\S.*")) {
        path = null;
      } else if (pathLine.matches()) {
        path = pathLine.group(1);
      } else if (path != null && methodLine.matches()) {
        operation = methodLine.group(1).toUpperCase(Locale.ROOT) + " " + path;
        block.setLength(0);
      } else if (operation != null) {
        block.append(line).append('\n');
      }
    }
    if (operation != null) {
      blocks.put(operation, block.toString());
    }
    return new OpenApiDocument(blocks);
  }

  /** "METHOD /path" of every operation, sorted. */
  public Set<String> operations() {
    return blocks.keySet();
  }

  /** The YAML text of one operation: tags, summary, parameters, responses, security. */
  public String operation(String operation) {
    String block = blocks.get(operation);
    if (block == null) {
      throw new IllegalArgumentException("no operation " + operation + " in " + blocks.keySet());
    }
    return block;
  }
}
