package io.yardmaster.web.auth;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.yardmaster.core.Roles;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a database with no admin token (a first start), creates one and writes it to {@code
 * <data-dir>/admin-token}, readable by the owner only. The log names the file, never the token.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
@Requires(property = AdminTokenBootstrap.ENABLED, notEquals = "false")
@Requires(beans = Tokens.class)
public final class AdminTokenBootstrap {
  public static final String ENABLED = "yardmaster.auth.bootstrap-admin-token";
  public static final String FILE_NAME = "admin-token";
  private static final Logger LOG = LoggerFactory.getLogger(AdminTokenBootstrap.class);

  private final Tokens tokens;
  private final Path dataDir;

  public AdminTokenBootstrap(
      Tokens tokens, @Property(name = "yardmaster.data-dir", defaultValue = "./data") String dir) {
    this.tokens = tokens;
    this.dataDir = Path.of(dir);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (tokens.anyActiveAdmin()) {
      return;
    }
    IssuedToken token = tokens.issue(Role.ADMIN, null, "bootstrap admin token");
    Path file = dataDir.resolve(FILE_NAME).toAbsolutePath().normalize();
    try {
      Files.createDirectories(dataDir);
      Files.deleteIfExists(file);
      Files.createFile(file);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        LOG.warn("cannot restrict the permissions of {} on this file system", file);
      }
      Files.writeString(file, token.token() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the first admin token to " + file, e);
    }
    // Formatted here: the JSON log encoder may be set to leave arguments out.
    String message =
        "No admin token existed: created one (id " + token.id() + ") and wrote it to " + file;
    LOG.info(message);
  }
}
