package io.yardmaster.app.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.web.auth.AdminTokenBootstrap;
import io.yardmaster.web.auth.ApiToken;
import io.yardmaster.web.auth.ApiTokenRepository;
import io.yardmaster.web.auth.Role;
import io.yardmaster.web.auth.Tokens;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code yardmaster.auth.admin-token-file}: the admin token of a mounted Secret works from the
 * first start, a restart adds no row, a rotated Secret replaces the old token, a revoked one stays
 * revoked, and a file that holds no token stops the start naming the file and never its content.
 */
class AdminTokenFileIT {
  @TempDir Path dir;
  private final String database =
      "jdbc:h2:mem:admin-file-"
          + UUID.randomUUID()
          + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

  @Test
  void theFilesTokenIsTheAdminTokenAcrossRestartsAndARotationReplacesIt() throws IOException {
    Path secret = dir.resolve("admin-token");
    String first = token();
    Files.writeString(secret, first + "\n");
    try (EmbeddedServer server = start(secret)) {
      assertThat(status(server, first)).isEqualTo(200);
      assertThat(dir.resolve("data").resolve(AdminTokenBootstrap.FILE_NAME)).doesNotExist();
    }
    try (EmbeddedServer server = start(secret)) {
      assertThat(status(server, first)).isEqualTo(200);
      assertThat(adminRows(server)).hasSize(1);
    }

    String second = token();
    Files.writeString(secret, second);
    try (EmbeddedServer server = start(secret)) {
      assertThat(status(server, second)).isEqualTo(200);
      assertThat(status(server, first)).isEqualTo(401);
      assertThat(adminRows(server)).hasSize(2).filteredOn(t -> t.revokedAt() == null).hasSize(1);
    }
  }

  @Test
  void aRevokedTokenStaysRevokedAfterARestart() throws IOException {
    Path secret = dir.resolve("admin-token");
    String adopted = token();
    Files.writeString(secret, adopted);
    String other;
    try (EmbeddedServer server = start(secret)) {
      ApplicationContext context = server.getApplicationContext();
      other = context.getBean(Tokens.class).issue(Role.ADMIN, null, "another admin").token();
      String id =
          adminRows(server).stream()
              .filter(t -> t.description().startsWith("admin token from"))
              .findFirst()
              .orElseThrow()
              .id();
      assertThat(
              HttpClient.create(server.getURL())
                  .toBlocking()
                  .exchange(HttpRequest.DELETE("/api/v1/tokens/" + id).bearerAuth(other))
                  .code())
          .isEqualTo(HttpStatus.NO_CONTENT.getCode());
    }
    try (EmbeddedServer server = start(secret)) {
      assertThat(status(server, adopted)).isEqualTo(401);
      assertThat(status(server, other)).isEqualTo(200);
    }
  }

  @Test
  void aFileWithoutATokenStopsTheStartNamingTheFileNotItsContent() throws IOException {
    Path secret = dir.resolve("admin-token");
    Files.writeString(secret, "hunter2-not-a-token");
    assertThatThrownBy(() -> start(secret).close())
        .hasStackTraceContaining("yardmaster.auth.admin-token-file")
        .hasStackTraceContaining(secret.toString())
        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("hunter2"));
    Path missing = dir.resolve("nowhere");
    assertThatThrownBy(() -> start(missing).close())
        .hasStackTraceContaining("cannot read " + missing);
  }

  private EmbeddedServer start(Path secret) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("datasources.default.url", database);
    properties.put("yardmaster.data-dir", dir.resolve("data").toString());
    properties.put("yardmaster.auth.admin-token-file", secret.toString());
    properties.put("yardmaster.auth.bootstrap-admin-token", "true");
    return ApplicationContext.run(EmbeddedServer.class, properties, "test");
  }

  private static int status(EmbeddedServer server, String token) {
    try (HttpClient http = HttpClient.create(server.getURL())) {
      return http.toBlocking()
          .exchange(HttpRequest.GET("/api/v1/tokens").bearerAuth(token), String.class)
          .code();
    } catch (HttpClientResponseException e) {
      return e.code();
    }
  }

  private static List<ApiToken> adminRows(EmbeddedServer server) {
    List<ApiToken> rows = new ArrayList<>();
    server.getApplicationContext().getBean(ApiTokenRepository.class).findAll().forEach(rows::add);
    return rows.stream().filter(t -> t.role() == Role.ADMIN).toList();
  }

  private static String token() {
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    return "ym_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
