package io.yardmaster.web.auth;

import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.InvalidConfigurationException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first admin token. With {@value #FILE} set (a mounted Kubernetes Secret), the token in that
 * file is made an active admin token at every start, replacing the one an earlier Secret held;
 * otherwise, on a database with no admin token (a first start), one is created and written to
 * {@code <data-dir>/admin-token}, readable by the owner only. The log names the file, never the
 * token.
 */
@Singleton
@Requires(property = Roles.API, notEquals = "false")
@Requires(property = AdminTokenBootstrap.ENABLED, notEquals = "false")
@Requires(beans = Tokens.class)
public final class AdminTokenBootstrap {
  public static final String ENABLED = "yardmaster.auth.bootstrap-admin-token";
  public static final String FILE_NAME = "admin-token";
  public static final String FILE = "yardmaster.auth.admin-token-file";
  static final String ADOPTED = "admin token from " + FILE;
  private static final Logger LOG = LoggerFactory.getLogger(AdminTokenBootstrap.class);

  private final Tokens tokens;
  private final Path dataDir;
  @Nullable private final Path tokenFile;

  public AdminTokenBootstrap(
      Tokens tokens,
      @Property(name = "yardmaster.data-dir", defaultValue = "./data") String dir,
      @Nullable @Property(name = FILE) String tokenFile) {
    this.tokens = tokens;
    this.dataDir = Path.of(dir);
    this.tokenFile = tokenFile == null || tokenFile.isBlank() ? null : Path.of(tokenFile);
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (tokenFile != null) {
      adoptFromFile(tokenFile);
      return;
    }
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

  /** A token the file does not hold, or cannot be read, stops the start naming the file only. */
  private void adoptFromFile(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException | RuntimeException e) {
      throw new InvalidConfigurationException(
          FILE + ": cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
    }
    if (!Tokens.wellFormed(token)) {
      throw new InvalidConfigurationException(
          FILE
              + ": "
              + file
              + " must hold one token, ym_ and 43 base64url characters (32 random bytes), e.g."
              + " from: echo ym_$(head -c 32 /dev/urandom | basenc --base64url | tr -d =)");
    }
    Optional<String> id = tokens.adopt(token, ADOPTED);
    if (id.isPresent()) {
      LOG.info("The admin token in " + file + " is active (id " + id.get() + ")");
    } else {
      LOG.warn(
          "The admin token in " + file + " was revoked and stays revoked: put a new one there");
    }
  }
}
