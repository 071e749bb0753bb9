package io.yardmaster.app.health;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code yardmaster.data-dir} (the embedded H2 database with every job's conf, the first
 * admin token) to its owner: the folder 0700 and its files 0600, as soon as the database is opened,
 * whatever the process's umask created them with.
 */
@Singleton
public final class DataDirectory implements BeanCreatedEventListener<DataSource> {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);

  private final Path dir;

  public DataDirectory(
      @Property(name = "yardmaster.data-dir", defaultValue = "./data") String dir) {
    this.dir = Path.of(dir);
  }

  @Override
  public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
    restrict();
    return event.getBean();
  }

  /** Creates the folder if needed and takes every permission from group and others. */
  public void restrict() {
    try {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path path : files.toList()) {
          Files.setPosixFilePermissions(
              path,
              PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
        }
      }
    } catch (UnsupportedOperationException e) {
      LOG.warn("cannot restrict the permissions of {} on this file system", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restrict the permissions of " + dir, e);
    }
  }
}
