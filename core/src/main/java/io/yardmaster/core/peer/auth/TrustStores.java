package io.yardmaster.core.peer.auth;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts that trust what an operator configured for a peer: a trust store (PKCS#12 or JKS,
 * the type read from the file) or a PEM file of CA certificates, the form most CAs hand out. Only
 * those are trusted, not the JVM's own CAs; the host name is still checked against the certificate.
 */
final class TrustStores {
  private TrustStores() {}

  /** A context trusting the certificates of the key store at {@code file}. */
  static SSLContext fromStore(String key, String file, @Nullable char[] password) {
    try {
      return context(KeyStore.getInstance(Path.of(file).toFile(), password));
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          key + ": cannot read the trust store " + file + ": " + e.getMessage());
    }
  }

  /** A context trusting each certificate in the PEM file {@code file}. */
  static SSLContext fromPem(String key, String file) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      Collection<? extends Certificate> certificates =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certificates.isEmpty()) {
        throw new InvalidConfigurationException(key + ": " + file + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("trusted-" + index++, certificate);
      }
      return context(store);
    } catch (IOException | GeneralSecurityException e) {
      throw new InvalidConfigurationException(
          key + ": cannot read certificates from " + file + ": " + e.getMessage());
    }
  }

  private static SSLContext context(KeyStore trusted) throws GeneralSecurityException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }
}
