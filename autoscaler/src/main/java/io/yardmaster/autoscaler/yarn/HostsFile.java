package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A file of host names, one a line, as YARN's exclude file and the placement policy's removal hosts
 * file are: blank lines and {@code #} comments skipped, names lower-cased, written whole and
 * atomically (a temporary file next to it, then a rename) so a reader never sees half of it.
 */
public final class HostsFile {
  private HostsFile() {}

  /** The hosts listed; empty when the file does not exist. */
  public static Set<String> read(Path file) {
    requireNonNull(file, "file is null");
    Set<String> hosts = new TreeSet<>();
    if (!Files.exists(file)) {
      return hosts;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String host = line.trim();
        if (!host.isEmpty() && !host.startsWith("#")) {
          hosts.add(host.toLowerCase(Locale.ROOT));
        }
      }
      return hosts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read hosts file " + file, e);
    }
  }

  /** Replaces the file's content with {@code lines} (hosts, and any comment lines). */
  public static void write(Path file, Collection<String> lines) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path temporary = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
      Files.write(temporary, lines, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write hosts file " + file, e);
    }
  }
}
