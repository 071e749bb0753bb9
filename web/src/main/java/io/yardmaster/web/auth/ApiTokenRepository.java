package io.yardmaster.web.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The API tokens (hashes), in the database. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiToken, String> {
  Optional<ApiToken> findByTokenHash(String tokenHash);

  /** Every token not revoked (expired ones included: the caller checks the time). */
  List<ApiToken> findByRevokedAtIsNull();

  List<ApiToken> findByTeam(String team);

  /** Tokens that still work at {@code now}: neither revoked nor expired. */
  @Query(
      "SELECT COUNT(*) FROM api_token WHERE revoked_at IS NULL"
          + " AND (expires_at IS NULL OR expires_at > :now)")
  long countActiveAt(Instant now);
}
