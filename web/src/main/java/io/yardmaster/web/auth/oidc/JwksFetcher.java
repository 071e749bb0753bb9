package io.yardmaster.web.auth.oidc;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;

/** Reads an issuer's current key set (its public keys only). */
interface JwksFetcher {
  JWKSet fetch() throws IOException;

  /** Where the keys are read from, for log lines (never holds a secret). */
  String source();
}
