package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.json.JsonMapper;
import io.yardmaster.backend.BackendException;
import io.yardmaster.backend.ComputeBackend;
import io.yardmaster.backend.livy.LivyComputeBackend;
import io.yardmaster.core.peer.NoPeerCredentials;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.PeerCredentials;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.auth.ConfiguredPeerCredentials;
import io.yardmaster.core.peer.rm.ResourceManagerClient;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.peers.harness.HaProxyProcess;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.testing.RealFleet;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A secured Livy: the real Livy 0.7.1 behind a gateway that asks for TLS and HTTP basic auth, as
 * Knox does (Debian's HAProxy here, with a certificate made by openssl for this run). Yardmaster
 * reaches it with the cluster's {@code livy-auth}: the password from a file, the gateway's
 * certificate from a PKCS#12 trust store; a Spark job runs to the end on YARN through it. A wrong
 * password is a 401 that leaves the batch unsent, an untrusted certificate fails the handshake, a
 * PEM file of certificates is trusted as well as a store, and no password reaches a log line.
 */
class SecuredLivyIT {
  private static final String PASSWORD = "gateway-pässword=" + System.nanoTime();
  private static final String USER = "svc-yardmaster";
  private static final Path DIR = Path.of("target", "it-logs", "SecuredLivyIT");
  private static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();
  private static final JsonMapper JSON = JsonMapper.createDefault();

  static HaProxyProcess gateway;
  static RealFleet fleet;

  @BeforeAll
  static void start() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    LOGS.start();
    root.addAppender(LOGS);
    ((Logger) LoggerFactory.getLogger("io.yardmaster")).setLevel(Level.DEBUG);
    Files.createDirectories(DIR);
    certificates();
    Files.writeString(DIR.resolve("password"), PASSWORD + "\n");
    fleet =
        RealFleet.start(
            "secured-livy-it",
            1,
            properties -> {
              String key = "yardmaster.clusters." + RealFleet.CLUSTER + ".";
              URI livy = URI.create((String) properties.get(key + "livy-url"));
              try {
                gateway =
                    HaProxyProcess.tlsGateway(
                        livy, DIR.resolve("gateway.pem"), USER, PASSWORD, DIR.resolve("haproxy"));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
              properties.put(key + "livy-url", gateway.url().toString());
              properties.putAll(auth(key + "livy-auth.", "trust-store", "trust.p12"));
              properties.put(
                  key + "livy-auth.trust-store-password-file",
                  DIR.resolve("store-password").toString());
            });
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(LOGS);
    assertThat(LOGS.list).isNotEmpty();
    for (ILoggingEvent event : LOGS.list) {
      String line =
          event.getFormattedMessage()
              + (event.getThrowableProxy() == null
                  ? ""
                  : ThrowableProxyUtil.asString(event.getThrowableProxy()));
      assertThat(line).doesNotContain(PASSWORD);
    }
  }

  @Test
  void aJobRunsToTheEndThroughTheGatewayWithBasicAuthAndTheTrustStore() {
    String id = fleet.submit("secured-pi", PeerPaths.PI_JOB, List.of("2"));

    Map<String, Object> job = fleet.awaitState(id, "SUCCEEDED", Duration.ofSeconds(150));

    assertThat(job.get("livyBatchId")).as("%s", job).isInstanceOf(Integer.class);
    assertThat((String) job.get("applicationId")).matches("application_\\d+_\\d+");
    assertThat(fleet.yarnApp((String) job.get("applicationId")).get("finalStatus"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void aWrongPasswordIsA401AndLeavesTheBatchUnsent() throws IOException {
    Files.writeString(DIR.resolve("wrong-password"), "not-" + PASSWORD);
    Map<String, Object> settings = auth("", "trust-certificates", "gateway-cert.pem");
    settings.put("password-file", DIR.resolve("wrong-password").toString());
    PeerClient wrong = client(configured(settings));
    ClusterConfig cluster = cluster();
    ComputeBackend backend = fleet.context().getBean(ComputeBackend.class);
    int batchesBefore = backend.batches(cluster, 0, 100).total();

    PeerException.Rejected refused =
        catchThrowableOfType(PeerException.Rejected.class, () -> batches(wrong));
    BackendException unsent =
        catchThrowableOfType(
            BackendException.class,
            () ->
                new LivyComputeBackend(wrong, new ResourceManagerClient(wrong), JSON)
                    .submit(cluster, fleet.piBatch("ym-job-secured-unsent")));

    assertThat(refused).isNotNull();
    assertThat(refused.status()).isEqualTo(401);
    assertThat(unsent).isNotNull();
    assertThat(unsent.kind())
        .as("%s", unsent.getMessage())
        .isEqualTo(BackendException.Kind.NOT_SENT);
    assertThat(unsent.getMessage()).contains("credentials were refused").doesNotContain(PASSWORD);
    assertThat(backend.batches(cluster, 0, 100).total()).isEqualTo(batchesBefore);
  }

  @Test
  void aPemFileOfCertificatesIsTrustedAndNoTrustFailsTheHandshake() {
    assertThat(batches(client(configured(auth("", "trust-certificates", "gateway-cert.pem")))))
        .contains("\"sessions\"");

    PeerException.NotSent untrusted =
        catchThrowableOfType(
            PeerException.NotSent.class, () -> batches(client(new NoPeerCredentials())));

    assertThat(untrusted).as("the JVM's own CAs do not know the gateway").isNotNull();
    assertThat(untrusted.getMessage()).contains("SSLHandshakeException");
  }

  /**
   * Basic auth with the right password, and the trust {@code trustKey} pointing at {@code file}.
   */
  private static Map<String, Object> auth(String prefix, String trustKey, String file) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(prefix + "username", USER);
    settings.put(prefix + "password-file", DIR.resolve("password").toString());
    settings.put(prefix + trustKey, DIR.resolve(file).toString());
    return settings;
  }

  /** Credentials for the cluster's Livy from {@code settings} (keys below {@code livy-auth.}). */
  private static PeerCredentials configured(Map<String, Object> settings) {
    Map<String, Object> properties = new HashMap<>();
    settings.forEach(
        (key, value) ->
            properties.put(
                "yardmaster.clusters." + RealFleet.CLUSTER + ".livy-auth." + key,
                value.toString()));
    return new ConfiguredPeerCredentials(
        new PropertySourcePropertyResolver(PropertySource.of(properties)),
        List.of(cluster()),
        name -> null);
  }

  private static PeerClient client(PeerCredentials credentials) {
    return new PeerClient(PeerConfig.defaults(), credentials, JSON);
  }

  private static ClusterConfig cluster() {
    return fleet.context().getBean(ClusterRegistry.class).cluster(RealFleet.CLUSTER).orElseThrow();
  }

  private static String batches(PeerClient client) {
    return client
        .get(Peer.livy(RealFleet.CLUSTER), PeerClient.join(gateway.url(), "batches"))
        .text();
  }

  /**
   * The gateway's self-signed certificate for 127.0.0.1 and its key (one PEM file for HAProxy), the
   * certificate alone (a PEM trust file), and a PKCS#12 trust store holding it.
   */
  private static void certificates() throws Exception {
    Files.writeString(DIR.resolve("store-password"), "store-" + System.nanoTime());
    run(
        "openssl",
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=127.0.0.1",
        "-addext",
        "subjectAltName=IP:127.0.0.1",
        "-keyout",
        DIR.resolve("gateway-key.pem").toString(),
        "-out",
        DIR.resolve("gateway-cert.pem").toString());
    Files.writeString(
        DIR.resolve("gateway.pem"),
        Files.readString(DIR.resolve("gateway-cert.pem"))
            + Files.readString(DIR.resolve("gateway-key.pem")));
    Files.deleteIfExists(DIR.resolve("trust.p12"));
    run(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-importcert",
        "-noprompt",
        "-alias",
        "gateway",
        "-storetype",
        "PKCS12",
        "-file",
        DIR.resolve("gateway-cert.pem").toString(),
        "-keystore",
        DIR.resolve("trust.p12").toString(),
        "-storepass",
        Files.readString(DIR.resolve("store-password")));
  }

  private static void run(String... command) throws Exception {
    Path log = DIR.resolve("certificates.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(process.exitValue()).as("%s: see %s", command[0], log).isZero();
  }
}
