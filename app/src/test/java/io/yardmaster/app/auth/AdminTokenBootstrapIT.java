package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.yardmaster.web.auth.AdminTokenBootstrap;
import io.yardmaster.web.auth.Caller;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class AdminTokenBootstrapIT {
  @TempDir Path dataDir;

  @Test
  void firstStartWritesAWorkingAdminTokenToAPrivateFileAndLogsOnlyTheFile() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(AdminTokenBootstrap.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    ch.qos.logback.classic.Level level = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.INFO);
    Map<String, Object> properties =
        Map.of(
            "yardmaster.data-dir",
            dataDir.toString(),
            "datasources.default.url",
            "jdbc:h2:file:"
                + dataDir.resolve("db")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    Path file = dataDir.resolve(AdminTokenBootstrap.FILE_NAME);
    String token;
    try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
      token = Files.readString(file, StandardCharsets.UTF_8).trim();
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      Caller caller = context.getBean(Tokens.class).authenticate(token).orElseThrow();
      assertThat(caller.role()).isEqualTo(Role.ADMIN);
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(level);
    }
    assertThat(appender.list)
        .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains(file.toString()))
        .allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(token));

    // A second start on the same database keeps the token it gave out.
    try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
      assertThat(Files.readString(file, StandardCharsets.UTF_8).trim()).isEqualTo(token);
      assertThat(context.getBean(Tokens.class).authenticate(token)).isPresent();
    }
  }
}
