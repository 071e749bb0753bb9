package io.yardmaster.clusters;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

/** Run-time cluster state in the database (H2 by default, PostgreSQL in production). */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ClusterStateRepository extends CrudRepository<ClusterState, String> {}
