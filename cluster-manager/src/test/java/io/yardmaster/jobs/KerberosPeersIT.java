package io.yardmaster.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import io.micronaut.json.JsonMapper;
import io.yardmaster.core.peer.NoPeerCredentials;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerConfig;
import io.yardmaster.core.peer.PeerCredentials;
import io.yardmaster.core.peer.PeerException;
import io.yardmaster.core.peer.auth.ConfiguredPeerCredentials;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.peers.harness.PeerPaths;
import io.yardmaster.peers.harness.YarnClusterProcess;
import io.yardmaster.peers.harness.YarnClusterSpec;
import io.yardmaster.testing.RealFleet;
import java.io.File;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.minikdc.MiniKdc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kerberos-secured peers and one MiniKdc (hadoop-minikdc, Apache Kerby inside). The real Livy 0.7.1
 * runs with {@code livy.server.auth.type = kerberos}, its SPNEGO principal {@code HTTP/127.0.0.1}
 * in a keytab. Yardmaster reaches it with the cluster's {@code livy-auth}, its own principal and
 * keytab, and the JDK's Kerberos pointed at the KDC by {@code java.security.krb5.conf}. A Spark job
 * runs to the end on YARN through it. Without credentials Livy answers 401, and a keytab of another
 * principal fails the login, so the request is not sent. A second MiniYARNCluster puts Hadoop's
 * SPNEGO filter on its ResourceManager's web UI and REST API, as {@code
 * hadoop.http.authentication.type = kerberos} does on a real one, and {@code resource-manager-auth}
 * reaches it.
 */
class KerberosPeersIT {
  private static final Path DIR = Path.of("target", "it-logs", "KerberosPeersIT").toAbsolutePath();
  private static final String CLIENT = "yardmaster";
  private static final JsonMapper JSON = JsonMapper.createDefault();

  static MiniKdc kdc;
  static RealFleet fleet;
  static String realm;
  static String krb5;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(DIR.resolve("kdc"));
    Properties conf = MiniKdc.createConf();
    conf.setProperty(MiniKdc.KDC_BIND_ADDRESS, "127.0.0.1");
    kdc = new MiniKdc(conf, DIR.resolve("kdc").toFile());
    kdc.start();
    realm = kdc.getRealm();
    File http = DIR.resolve("http.keytab").toFile();
    File client = DIR.resolve("yardmaster.keytab").toFile();
    File stranger = DIR.resolve("stranger.keytab").toFile();
    // the HTTP services of Livy and of the secured ResourceManager, by address and by name
    kdc.createPrincipal(http, "HTTP/127.0.0.1", "HTTP/localhost");
    kdc.createPrincipal(client, CLIENT);
    kdc.createPrincipal(stranger, "stranger");
    // The service is named by the URL's host as written (HTTP/127.0.0.1), not by its reverse DNS
    Path krb5conf = DIR.resolve("krb5.conf");
    Files.writeString(
        krb5conf,
        Files.readString(kdc.getKrb5conf().toPath())
            .replace("[libdefaults]", "[libdefaults]\n    dns_canonicalize_hostname = false"));
    krb5 = krb5conf.toString();
    // The JDK's Kerberos of this JVM (the application under test runs in it) and of Livy's.
    System.setProperty("java.security.krb5.conf", krb5);
    fleet =
        RealFleet.start(
            "kerberos-peers-it",
            1,
            List.of(
                "livy.server.auth.type = kerberos",
                "livy.server.auth.kerberos.principal = HTTP/127.0.0.1@" + realm,
                "livy.server.auth.kerberos.keytab = " + http.getAbsolutePath()),
            List.of(
                "-Djava.security.krb5.conf=" + krb5,
                // hadoop-auth 2.7.3 (Livy's) reads the JDK's Kerberos internals by reflection
                "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                "--add-exports=java.security.jgss/sun.security.jgss=ALL-UNNAMED",
                "--add-opens=java.security.jgss/sun.security.jgss=ALL-UNNAMED"),
            properties -> {
              String key = "yardmaster.clusters." + RealFleet.CLUSTER + ".livy-auth.";
              properties.put(key + "kerberos-principal", CLIENT + "@" + realm);
              properties.put(key + "kerberos-keytab-file", client.getAbsolutePath());
            });
  }

  @AfterAll
  static void stop() {
    if (fleet != null) {
      fleet.close();
    }
    if (kdc != null) {
      kdc.stop();
    }
  }

  @Test
  void aJobRunsToTheEndThroughSpnego() {
    String id = fleet.submit("kerberos-pi", PeerPaths.PI_JOB, List.of("2"));

    Map<String, Object> job = fleet.awaitState(id, "SUCCEEDED", Duration.ofSeconds(150));

    assertThat(job.get("livyBatchId")).as("%s", job).isInstanceOf(Integer.class);
    assertThat(fleet.yarnApp((String) job.get("applicationId")).get("finalStatus"))
        .isEqualTo("SUCCEEDED");
  }

  @Test
  void withoutCredentialsLivyAnswers401AndAnotherPrincipalsKeytabFailsTheLogin() {
    PeerException.Rejected anonymous =
        catchThrowableOfType(PeerException.Rejected.class, () -> batches(new NoPeerCredentials()));
    PeerException.NotSent wrongKeytab =
        catchThrowableOfType(
            PeerException.NotSent.class,
            () ->
                batches(
                    configured(CLIENT + "@" + realm, DIR.resolve("stranger.keytab").toString())));

    assertThat(anonymous).isNotNull();
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(wrongKeytab).as("a keytab without the principal's keys").isNotNull();
    assertThat(wrongKeytab.getMessage()).contains("Kerberos: cannot log in as yardmaster@");
    assertThat(
            batches(configured(CLIENT + "@" + realm, DIR.resolve("yardmaster.keytab").toString())))
        .contains("\"sessions\"");
  }

  @Test
  void aResourceManagerWithSpnegoOnItsRestApiAnswersYardmasterOnly() throws Exception {
    Path coreSite = DIR.resolve("rm-core-site.xml");
    Files.writeString(
        coreSite,
        "<configuration>"
            + property(
                "hadoop.http.filter.initializers",
                "org.apache.hadoop.security.AuthenticationFilterInitializer")
            + property("hadoop.http.authentication.type", "kerberos")
            + property("hadoop.http.authentication.kerberos.principal", "*")
            + property(
                "hadoop.http.authentication.kerberos.keytab", DIR.resolve("http.keytab").toString())
            + property("hadoop.http.authentication.simple.anonymous.allowed", "false")
            + "</configuration>");
    try (YarnClusterProcess secured =
        YarnClusterProcess.start(
            fleet.paths,
            "kerberos-rm-it",
            YarnClusterSpec.nodeManagers(1)
                .withOperatorFiles(
                    new YarnClusterSpec.OperatorFiles(
                        Map.of("core-site.xml", coreSite),
                        List.of(),
                        Map.of("JAVA_TOOL_OPTIONS", "-Djava.security.krb5.conf=" + krb5))))) {
      URI info = PeerClient.join(secured.webUri(), "ws/v1/cluster/info");
      Peer rm = Peer.resourceManager(RealFleet.CLUSTER);
      String key = "yardmaster.clusters." + RealFleet.CLUSTER + ".resource-manager-auth.";
      PeerCredentials yardmaster =
          credentials(
              Map.of(
                  key + "kerberos-principal",
                  CLIENT + "@" + realm,
                  key + "kerberos-keytab-file",
                  DIR.resolve("yardmaster.keytab").toString()));

      PeerException.Rejected anonymous =
          catchThrowableOfType(
              PeerException.Rejected.class,
              () ->
                  new PeerClient(PeerConfig.defaults(), new NoPeerCredentials(), JSON)
                      .get(rm, info));
      String answer = new PeerClient(PeerConfig.defaults(), yardmaster, JSON).get(rm, info).text();

      assertThat(anonymous).as("the RM's REST API without credentials").isNotNull();
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(answer).contains("\"clusterInfo\"");
    }
  }

  private static String property(String name, String value) {
    return "<property><name>" + name + "</name><value>" + value + "</value></property>";
  }

  private static PeerCredentials configured(String principal, String keytab) {
    String key = "yardmaster.clusters." + RealFleet.CLUSTER + ".livy-auth.";
    return credentials(
        Map.of(key + "kerberos-principal", principal, key + "kerberos-keytab-file", keytab));
  }

  private static PeerCredentials credentials(Map<String, Object> settings) {
    return new ConfiguredPeerCredentials(
        new PropertySourcePropertyResolver(PropertySource.of(settings)),
        List.of(
            fleet
                .context()
                .getBean(ClusterRegistry.class)
                .cluster(RealFleet.CLUSTER)
                .orElseThrow()),
        name -> null);
  }

  private static String batches(PeerCredentials credentials) {
    URI livy = fleet.livy.baseUri();
    return new PeerClient(PeerConfig.defaults(), credentials, JSON)
        .get(Peer.livy(RealFleet.CLUSTER), PeerClient.join(livy, "batches"))
        .text();
  }
}
