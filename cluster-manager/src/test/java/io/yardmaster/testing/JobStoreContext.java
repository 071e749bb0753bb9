package io.yardmaster.testing;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.Roles;
import io.yardmaster.core.registry.ClusterRegistry;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import java.util.HashMap;
import java.util.Map;

/**
 * The job store on a fresh embedded H2 database (migrated) and the test configuration's cluster
 * registry (cluster alpha), and team {@code risk} (the team of {@link StoredJobs}), without the API
 * role: no loop runs, the test calls the parts itself.
 */
public final class JobStoreContext implements AutoCloseable {
  public final ApplicationContext context;
  public final JdbcJobStore store;
  public final ClusterRegistry registry;

  public JobStoreContext() {
    Map<String, Object> properties = new HashMap<>(Databases.h2());
    properties.put(Roles.API, "false");
    properties.put("yardmaster.health.initial-delay", "1h");
    this.context = ApplicationContext.run(properties, "test");
    this.store = context.getBean(JdbcJobStore.class);
    this.registry = context.getBean(ClusterRegistry.class);
    context
        .getBean(TeamRepository.class)
        .save(new Team("risk", "risk-svc", 100, 10, 100, 1_000_000, StoredJobs.T0));
  }

  @Override
  public void close() {
    context.close();
  }
}
