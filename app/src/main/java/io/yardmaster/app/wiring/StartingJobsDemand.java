package io.yardmaster.app.wiring;

import io.yardmaster.autoscaler.demand.AnnouncedDemand;
import io.yardmaster.autoscaler.policy.ContainerShape;
import io.yardmaster.core.registry.ClusterConfig;
import io.yardmaster.jobs.Job;
import io.yardmaster.jobs.JobState;
import io.yardmaster.jobs.policy.JobPolicy;
import io.yardmaster.jobs.policy.JobSize;
import io.yardmaster.jobs.store.JdbcJobStore;
import io.yardmaster.web.teams.Team;
import io.yardmaster.web.teams.TeamRepository;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The executors of a cluster's jobs that Livy has (or may have) but whose driver does not run yet:
 * Spark asks YARN for them only once the driver runs, so without this the autoscaler would grow for
 * the driver, wait for its node to boot, and only then see the executors and boot again. Drivers
 * are not announced: YARN shows them as pending as soon as the app is submitted.
 */
@Singleton
public final class StartingJobsDemand implements AnnouncedDemand {
  /** Read at most this many starting jobs per cluster and tick. */
  static final int LIMIT = 10_000;

  private static final EnumSet<JobState> DRIVER_NOT_RUNNING =
      EnumSet.of(JobState.SUBMITTING, JobState.STARTING);

  private final JdbcJobStore store;
  private final JobPolicy policy;
  private final TeamRepository teams;

  public StartingJobsDemand(JdbcJobStore store, JobPolicy policy, TeamRepository teams) {
    this.store = store;
    this.policy = policy;
    this.teams = teams;
  }

  @Override
  public List<ContainerShape> announced(ClusterConfig cluster) {
    Map<List<Long>, Long> counts = new LinkedHashMap<>();
    Map<String, Team> byName = new HashMap<>();
    teams.findAll().forEach(team -> byName.put(team.name(), team));
    for (Job job : store.inStatesOn(cluster.name(), DRIVER_NOT_RUNNING, LIMIT)) {
      Team team = byName.get(job.team());
      if (job.request().batch() == null || team == null) {
        continue;
      }
      JobSize size = policy.size(cluster, team, job.request().batch());
      if (size.initialExecutors() > 0 && size.executorCores() > 0) {
        counts.merge(
            List.of((long) size.executorCores(), size.executorContainerMemoryMb()),
            size.initialExecutors(),
            Long::sum);
      }
    }
    List<ContainerShape> shapes = new ArrayList<>(counts.size());
    counts.forEach(
        (shape, count) ->
            shapes.add(
                new ContainerShape(
                    (int) Math.min(Integer.MAX_VALUE, count),
                    shape.get(0).intValue(),
                    shape.get(1).intValue())));
    return shapes;
  }
}
