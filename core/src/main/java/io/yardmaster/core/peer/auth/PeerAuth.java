package io.yardmaster.core.peer.auth;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.value.PropertyResolver;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.net.ssl.SSLContext;

/**
 * What one peer asks of Yardmaster, read from the block {@code <prefix>.*}: HTTP basic auth ({@code
 * username} with {@code password-file} or {@code password-env}, as a gateway such as Knox asks),
 * and the trust for its TLS certificate ({@code trust-store}, with {@code
 * trust-store-password-file} or {@code -env} when the store has one, or {@code trust-certificates},
 * a PEM file). Unknown keys and a password written into the configuration itself are errors at
 * start-up, not a 401 later.
 *
 * @param authorization the {@code Authorization} header's value; null: none
 * @param ssl the TLS context for the peer; null: the JVM's default trust
 */
record PeerAuth(@Nullable String authorization, @Nullable SSLContext ssl) {
  static final PeerAuth NONE = new PeerAuth(null, null);

  private static final Set<String> KEYS =
      Set.of(
          "username",
          "password-file",
          "password-env",
          "trust-store",
          "trust-store-password-file",
          "trust-store-password-env",
          "trust-certificates");

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
    return new PeerAuth(basic(config, prefix, secrets), ssl(config, prefix, secrets));
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
    ByteBuffer bytes =
        StandardCharsets.UTF_8.encode(CharBuffer.wrap(username + ":" + new String(password.get())));
    byte[] raw = new byte[bytes.remaining()];
    bytes.get(raw);
    return "Basic " + Base64.getEncoder().encodeToString(raw);
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
    return "PeerAuth[basic=" + (authorization != null) + ", tls=" + (ssl != null) + "]";
  }
}
