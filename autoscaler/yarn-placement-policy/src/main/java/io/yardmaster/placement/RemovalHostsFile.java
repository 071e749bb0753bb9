package io.yardmaster.placement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes the autoscaler has listed for removal, read from a local file and reused for a short
 * while so that sorting nodes does not read a file each time.
 *
 * <p>Format: one entry a line, a host name ({@code worker-7}) or a node id ({@code
 * worker-7:45454}), case-insensitive; {@code #} starts a comment. A missing file lists nothing (the
 * autoscaler removes it when no node is being drained). A file that cannot be read keeps the last
 * entries read.
 */
final class RemovalHostsFile {

  private static final Logger LOG = LoggerFactory.getLogger(RemovalHostsFile.class);

  private final Path file;
  private final long refreshMillis;
  private final LongSupplier clockMillis;

  private Set<String> entries = Collections.emptySet();
  private long readAtMillis;
  private boolean read;

  /**
   * @param file the file to read
   * @param refreshMillis how long one read is reused; 0 reads the file on every call
   * @param clockMillis a monotonic clock in milliseconds
   */
  RemovalHostsFile(Path file, long refreshMillis, LongSupplier clockMillis) {
    this.file = Objects.requireNonNull(file, "file is null");
    if (refreshMillis < 0) {
      throw new IllegalArgumentException("refreshMillis must not be negative: " + refreshMillis);
    }
    this.refreshMillis = refreshMillis;
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis is null");
  }

  /** The listed entries, lower-cased: host names and {@code host:port} node ids. */
  synchronized Set<String> entries() {
    long now = clockMillis.getAsLong();
    if (!read || now - readAtMillis >= refreshMillis) {
      entries = readOrKeep(entries);
      readAtMillis = now;
      read = true;
    }
    return entries;
  }

  private Set<String> readOrKeep(Set<String> previous) {
    try {
      return parse(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return Collections.emptySet();
    } catch (IOException e) {
      LOG.warn(
          "Cannot read the removal hosts file {}; keeping its last {} entries",
          file,
          previous.size(),
          e);
      return previous;
    }
  }

  static Set<String> parse(String content) {
    Set<String> parsed = new HashSet<>();
    for (String line : content.split("\\R")) {
      int comment = line.indexOf('#');
      String entry = (comment >= 0 ? line.substring(0, comment) : line).trim();
      if (!entry.isEmpty()) {
        parsed.add(entry.toLowerCase(Locale.ROOT));
      }
    }
    return Collections.unmodifiableSet(parsed);
  }
}
