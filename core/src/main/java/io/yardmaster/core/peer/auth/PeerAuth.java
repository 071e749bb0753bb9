package io.yardmaster.core.peer.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * What one peer asks of Yardmaster, read from the block {@code <prefix>.*}: HTTP basic auth ({@code
 * username} with {@code password-file} or {@code password-env}, as a gateway such as Knox asks) or
 * Kerberos ({@code kerberos-principal} with {@code kerberos-keytab-file}: SPNEGO, as a Livy or
 * ResourceManager with {@code auth.type=kerberos} asks), and the trust for its TLS certificate
 * ({@code trust-store}, with {@code trust-store-password-file} or {@code -env} when the store has
 * one, or {@code trust-certificates}, a PEM file). Unknown keys and a password written into the
 * configuration itself are errors at start-up, not a 401 later.
 *
 * @param authorization the {@code Authorization} header's value for a request's URL; null: none
 * @param ssl the TLS context for the peer; null: the JVM's default trust
 */
record PeerAuth(@Nullable Function<URI, String> authorization, @Nullable SSLContext ssl) {
  private static final Set<String> KEYS =
      Set.of(
          "username",
          "password-file",
          "password-env",
          "trust-store",
          "trust-store-password-file",
          "trust-store-password-env",
          "trust-certificates",
          "kerberos-principal",
          "kerberos-keytab-file");

  static PeerAuth read(PropertyResolver config, String prefix, Secrets secrets) {
    Set<String> unknown = new TreeSet<>(config.getPropertyEntries(prefix));
    unknown.removeAll(KEYS);
    if (unknown.contains("password") || unknown.contains("trust-store-password")) {
      throw new InvalidConfigurationException(
          prefix
              + ": a password is read from a file (password-file) or an environment variable"
              + " (password-env), never written into the configuration");
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigurationException(
          prefix + ": unknown keys " + unknown + "; known: " + new TreeSet<>(KEYS));
    }
    String basic = basic(config, prefix, secrets);
    Spnego kerberos = kerberos(config, prefix);
    if (basic != null && kerberos != null) {
      throw new InvalidConfigurationException(
          prefix + ": set basic auth (username) or Kerberos (kerberos-principal), not both");
    }
    Function<URI, String> authorization =
        basic != null ? uri -> basic : kerberos != null ? kerberos::header : null;
    return new PeerAuth(authorization, ssl(config, prefix, secrets));
  }

  @Nullable
  private static Spnego kerberos(PropertyResolver config, String prefix) {
    String principal = value(config, prefix, "kerberos-principal");
    String keytab = value(config, prefix, "kerberos-keytab-file");
    if ((principal == null) != (keytab == null)) {
      throw new InvalidConfigurationException(
          prefix + ": Kerberos needs both kerberos-principal and kerberos-keytab-file");
    }
    if (principal == null) {
      return null;
    }
    if (!Files.isReadable(Path.of(keytab))) {
      throw new InvalidConfigurationException(
          prefix + ".kerberos-keytab-file: cannot read " + keytab);
    }
    return new Spnego(principal, keytab);
  }

  @Nullable
  private static String basic(PropertyResolver config, String prefix, Secrets secrets) {
    String username = value(config, prefix, "username");
    Optional<char[]> password =
        secrets.read(
            prefix + ".password",
            value(config, prefix, "password-file"),
            value(config, prefix, "password-env"));
    if ((username == null) != password.isEmpty()) {
      throw new InvalidConfigurationException(
          prefix + ": basic auth needs both username and password-file (or password-env)");
    }
    if (username == null) {
      return null;
    }
    if (username.indexOf(':') >= 0) {
      throw new InvalidConfigurationException(
          prefix + ".username: basic auth cannot carry a ':' in the user name");
    }
    String pair = username + ":" + new String(password.get());
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  @Nullable
  private static SSLContext ssl(PropertyResolver config, String prefix, Secrets secrets) {
    String store = value(config, prefix, "trust-store");
    String pem = value(config, prefix, "trust-certificates");
    if (store != null && pem != null) {
      throw new InvalidConfigurationException(
          prefix + ": set one of trust-store and trust-certificates, not both");
    }
    Optional<char[]> password =
        secrets.read(
            prefix + ".trust-store-password",
            value(config, prefix, "trust-store-password-file"),
            value(config, prefix, "trust-store-password-env"));
    if (store != null) {
      return TrustStores.fromStore(prefix + ".trust-store", store, password.orElse(null));
    }
    if (password.isPresent()) {
      throw new InvalidConfigurationException(
          prefix + ": a trust-store password is set, but no trust-store");
    }
    return pem == null ? null : TrustStores.fromPem(prefix + ".trust-certificates", pem);
  }

  @Nullable
  private static String value(PropertyResolver config, String prefix, String key) {
    return config
        .getProperty(prefix + "." + key, String.class)
        .filter(text -> !text.isBlank())
        .orElse(null);
  }

  /** Says what is configured, never the credentials. */
  @Override
  public String toString() {
    return "PeerAuth[authorization=" + (authorization != null) + ", tls=" + (ssl != null) + "]";
  }
}
