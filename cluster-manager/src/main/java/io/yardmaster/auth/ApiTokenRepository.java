package io.yardmaster.auth;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;

/** The API tokens (hashes), in the database. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ApiTokenRepository extends CrudRepository<ApiToken, String> {
  Optional<ApiToken> findByTokenHash(String tokenHash);

  long countByRoleAndRevokedAtIsNull(Role role);

  List<ApiToken> findByTeam(String team);
}
