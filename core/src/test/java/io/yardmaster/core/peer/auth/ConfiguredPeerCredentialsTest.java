package io.yardmaster.core.peer.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.json.JsonMapper;
import io.yardmaster.core.peer.LocalHttpServer;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.PeerCredentials;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peer credentials read from configuration: basic auth from a file or the environment per cluster
 * and kind of peer, and every mistake an operator can make refused at start-up with the key named
 * and the secret not shown. The TLS trust itself is tested against HAProxy in SecuredLivyIT.
 */
class ConfiguredPeerCredentialsTest {
  private static final String LIVY = "yardmaster.clusters.alpha.livy-auth.";
  private static final String SECRET = "s3cr=t ünïcode";

  @TempDir Path dir;
  private final LocalHttpServer server = new LocalHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void basicAuthFromAFileGoesToThatClustersLivyOnly() throws Exception {
    Path file = dir.resolve("livy-password");
    Files.writeString(file, SECRET + "\n");
    PeerClient client =
        client(credentials(Map.of(LIVY + "username", "svc-ym", LIVY + "password-file", file)));
    server.watching("Authorization").answer("/batches", 200, "{}");

    client.get(Peer.livy("alpha"), server.base().resolve("/batches"));
    client.get(Peer.resourceManager("alpha"), server.base().resolve("/batches"));
    client.get(Peer.livy("beta"), server.base().resolve("/batches"));

    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(("svc-ym:" + SECRET).getBytes(StandardCharsets.UTF_8));
    assertThat(server.received())
        .extracting(LocalHttpServer.Received::header)
        .containsExactly(expected, null, null);
  }

  @Test
  void thePasswordMayComeFromAnEnvironmentVariable() {
    PeerCredentials credentials =
        new ConfiguredPeerCredentials(
            context(Map.of(LIVY + "username", "svc-ym", LIVY + "password-env", "LIVY_PASSWORD")),
            clusters(),
            name -> "LIVY_PASSWORD".equals(name) ? SECRET : null);
    server.watching("Authorization").answer("/batches", 200, "{}");

    client(credentials).get(Peer.livy("alpha"), server.base().resolve("/batches"));

    assertThat(server.received().get(0).header()).startsWith("Basic ");
    assertThat(credentials.sslContext(Peer.livy("alpha"))).isEmpty();
  }

  @Test
  void nothingConfiguredAddsNothing() {
    PeerCredentials credentials = credentials(Map.of());
    server.watching("Authorization").answer("/batches", 200, "{}");

    client(credentials).get(Peer.livy("alpha"), server.base().resolve("/batches"));

    assertThat(server.received().get(0).header()).isNull();
  }

  @Test
  void mistakesAreRefusedAtStartUpNamingTheKeyButNotTheSecret() throws Exception {
    Path file = dir.resolve("password");
    Files.writeString(file, SECRET);
    Path empty = dir.resolve("empty");
    Files.writeString(empty, "\n");
    Path noCertificate = dir.resolve("none.pem");
    Files.writeString(noCertificate, "not a certificate");
    Map<Map<String, Object>, String> mistakes = new HashMap<>();
    mistakes.put(Map.of(LIVY + "username", "u", LIVY + "password", SECRET), "never written");
    mistakes.put(Map.of(LIVY + "usernam", "u"), "unknown keys [usernam]");
    mistakes.put(Map.of(LIVY + "username", "u"), "needs both username and password-file");
    mistakes.put(Map.of(LIVY + "password-file", file), "needs both username");
    mistakes.put(
        Map.of(LIVY + "username", "u", LIVY + "password-file", file, LIVY + "password-env", "X"),
        "not both");
    mistakes.put(
        Map.of(LIVY + "username", "u", LIVY + "password-file", dir.resolve("missing")),
        "cannot read");
    mistakes.put(Map.of(LIVY + "username", "u", LIVY + "password-file", empty), "is empty");
    mistakes.put(
        Map.of(LIVY + "username", "u", LIVY + "password-env", "UNSET_VARIABLE"), "is not set");
    mistakes.put(
        Map.of(LIVY + "username", "a:b", LIVY + "password-file", file), "cannot carry a ':'");
    mistakes.put(Map.of(LIVY + "trust-certificates", noCertificate), "cannot read certificates");
    mistakes.put(Map.of(LIVY + "trust-store", noCertificate), "cannot read the trust store");
    mistakes.put(Map.of(LIVY + "trust-store", file, LIVY + "trust-certificates", file), "not both");
    mistakes.put(Map.of(LIVY + "trust-store-password-file", file), "but no trust-store");
    mistakes.put(Map.of(LIVY + "kerberos-principal", "ym@EXAMPLE.COM"), "needs both");
    mistakes.put(
        Map.of(
            LIVY + "kerberos-principal",
            "ym@EXAMPLE.COM",
            LIVY + "kerberos-keytab-file",
            dir.resolve("missing.keytab")),
        "kerberos-keytab-file: cannot read");
    mistakes.put(
        Map.of(
            LIVY + "username",
            "u",
            LIVY + "password-file",
            file,
            LIVY + "kerberos-principal",
            "ym@EXAMPLE.COM",
            LIVY + "kerberos-keytab-file",
            file),
        "not both");

    mistakes.forEach(
        (settings, message) ->
            assertThatThrownBy(() -> credentials(settings))
                .as("%s", settings)
                .isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("yardmaster.clusters.alpha.livy-auth")
                .hasMessageContaining(message)
                .message()
                .doesNotContain(SECRET));
  }

  @Test
  void theApplicationsCredentialsAreTheConfiguredOnes() {
    try (ApplicationContext context = ApplicationContext.run()) {
      assertThat(context.getBean(PeerCredentials.class))
          .isInstanceOf(ConfiguredPeerCredentials.class);
    }
  }

  private ConfiguredPeerCredentials credentials(Map<String, Object> settings) {
    return new ConfiguredPeerCredentials(context(settings), clusters(), name -> null);
  }

  private static PropertyResolver context(Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>();
    settings.forEach((key, value) -> properties.put(key, value.toString()));
    return new PropertySourcePropertyResolver(PropertySource.of(properties));
  }

  private static List<ClusterConfig> clusters() {
    return List.of(cluster("alpha"), cluster("beta"));
  }

  private static ClusterConfig cluster(String name) {
    return new ClusterConfig(
        name,
        URI.create("http://livy.example"),
        URI.create("http://rm.example"),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  private PeerClient client(PeerCredentials credentials) {
    return new PeerClient(PeerConfig.defaults(), credentials, JsonMapper.createDefault());
  }
}
