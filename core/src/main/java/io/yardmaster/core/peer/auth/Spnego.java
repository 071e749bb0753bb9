package io.yardmaster.core.peer.auth;

import java.net.URI;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosTicket;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Kerberos to an HTTP peer (SPNEGO, RFC 4559): logs in as {@code principal} from its keytab, with
 * the JDK's own Kerberos (the KDC and realm from {@code java.security.krb5.conf} or
 * /etc/krb5.conf), and gives each request an {@code Authorization: Negotiate} header for the
 * service {@code HTTP@<host of the URL>}. Logs in again when the ticket-granting ticket is within
 * {@link #RENEW_BEFORE} of its end, or once more when the KDC refused a ticket. Nothing of the
 * keytab or the tickets is ever logged.
 */
final class Spnego {
  static final Duration RENEW_BEFORE = Duration.ofMinutes(10);
  private static final String SERVICE = "HTTP";
  private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");

  private final String principal;
  private final String keytab;
  private Subject subject;

  Spnego(String principal, String keytab) {
    this.principal = principal;
    this.keytab = keytab;
  }

  /** The header value for a request to {@code uri}. */
  String header(URI uri) {
    try {
      return "Negotiate " + Base64.getEncoder().encodeToString(token(uri.getHost(), false));
    } catch (GSSException e) {
      try {
        return "Negotiate " + Base64.getEncoder().encodeToString(token(uri.getHost(), true));
      } catch (GSSException again) {
        throw new IllegalStateException(
            "Kerberos: no ticket for " + SERVICE + "/" + uri.getHost() + ": " + again.getMessage(),
            again);
      }
    }
  }

  private byte[] token(String host, boolean fresh) throws GSSException {
    Subject current = subject(fresh);
    try {
      return Subject.doAs(
          current,
          (PrivilegedExceptionAction<byte[]>)
              () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSName service =
                    manager.createName(SERVICE + "@" + host, GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context =
                    manager.createContext(service, SPNEGO, null, GSSContext.DEFAULT_LIFETIME);
                try {
                  context.requestMutualAuth(false);
                  context.requestCredDeleg(false);
                  return context.initSecContext(new byte[0], 0, 0);
                } finally {
                  context.dispose();
                }
              });
    } catch (PrivilegedActionException e) {
      if (e.getException() instanceof GSSException gss) {
        throw gss;
      }
      throw new IllegalStateException("Kerberos: " + e.getException(), e.getException());
    }
  }

  private synchronized Subject subject(boolean fresh) {
    if (fresh || subject == null || ending(subject)) {
      subject = login();
    }
    return subject;
  }

  private static boolean ending(Subject subject) {
    Instant soon = Instant.now().plus(RENEW_BEFORE);
    return subject.getPrivateCredentials(KerberosTicket.class).stream()
        .filter(ticket -> ticket.getServer().getName().startsWith("krbtgt/"))
        .noneMatch(ticket -> ticket.getEndTime().toInstant().isAfter(soon));
  }

  private Subject login() {
    Map<String, String> options =
        Map.of(
            "useKeyTab", "true",
            "keyTab", keytab,
            "principal", principal,
            "storeKey", "true",
            "doNotPrompt", "true",
            "isInitiator", "true",
            "refreshKrb5Config", "true");
    Configuration configuration =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
              new AppConfigurationEntry(
                  "com.sun.security.auth.module.Krb5LoginModule",
                  AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                  options)
            };
          }
        };
    try {
      LoginContext login = new LoginContext("yardmaster-peer", new Subject(), null, configuration);
      login.login();
      return login.getSubject();
    } catch (LoginException e) {
      throw new IllegalStateException(
          "Kerberos: cannot log in as " + principal + " with its keytab: " + e.getMessage(), e);
    }
  }

  private static Oid oid(String value) {
    try {
      return new Oid(value);
    } catch (GSSException e) {
      throw new IllegalStateException(e);
    }
  }
}
