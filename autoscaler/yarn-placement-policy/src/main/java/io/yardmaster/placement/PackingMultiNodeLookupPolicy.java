package io.yardmaster.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.hadoop.conf.Configurable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.SchedulerNode;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.placement.MultiNodeLookupPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CapacityScheduler multi-node lookup policy that packs: it offers the most allocated node first,
 * so a new container goes to the fullest node that fits and whole nodes stay free for the
 * autoscaler to remove. Nodes marked for removal (YARN decommissioning, or listed in the removal
 * hosts file, see {@link PlacementSettings}) come last, whatever their load. The stock {@code
 * ResourceUsageMultiNodeLookupPolicy} does the opposite: least used first, which spreads
 * containers.
 *
 * <p>The ResourceManager calls {@link #addAndRefreshNodesSet} from its sorting thread every {@code
 * sorting-interval.ms}, or before every placement when that interval is 0, and then iterates {@link
 * #getPreferredNodeIterator}. Each refresh sorts a snapshot of the nodes' allocations and keeps it
 * per partition (node label).
 *
 * @param <N> the scheduler's node type
 */
public final class PackingMultiNodeLookupPolicy<N extends SchedulerNode>
    implements MultiNodeLookupPolicy<N>, Configurable {

  private static final Logger LOG = LoggerFactory.getLogger(PackingMultiNodeLookupPolicy.class);

  private final Map<String, Set<N>> nodesPerPartition = new ConcurrentHashMap<>();
  private final LongSupplier clockMillis;
  private volatile RemovalMarks removalMarks;
  private volatile Configuration conf;

  /** The constructor the ResourceManager uses: settings from its classpath. */
  public PackingMultiNodeLookupPolicy() {
    this(
        PlacementSettings.fromResourceManagerClasspath(),
        PackingMultiNodeLookupPolicy::monotonicMillis);
  }

  /**
   * @param settings where the removal marks come from
   * @param clockMillis a monotonic clock in milliseconds, for reusing a read of the removal hosts
   *     file
   */
  public PackingMultiNodeLookupPolicy(PlacementSettings settings, LongSupplier clockMillis) {
    this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis is null");
    this.removalMarks = removalMarks(Objects.requireNonNull(settings, "settings is null"));
    LOG.info("Packing multi-node lookup policy, {}", settings);
  }

  /**
   * Hadoop versions that hand the policy a configuration (later than 3.4) call this; the settings
   * in it then replace those read from the classpath.
   */
  @Override
  public void setConf(Configuration conf) {
    this.conf = conf;
    if (conf != null) {
      PlacementSettings settings = PlacementSettings.from(conf);
      removalMarks = removalMarks(settings);
      LOG.info("Packing multi-node lookup policy reconfigured, {}", settings);
    }
  }

  @Override
  public Configuration getConf() {
    return conf;
  }

  @Override
  public Iterator<N> getPreferredNodeIterator(Collection<N> nodes, String partition) {
    Set<N> sorted = nodesPerPartition.get(partition);
    if (sorted == null) {
      // Not sorted yet (the sorting thread has not run): sort what the scheduler offers.
      return sort(nodes).iterator();
    }
    return sorted.iterator();
  }

  @Override
  public void addAndRefreshNodesSet(Collection<N> nodes, String partition) {
    nodesPerPartition.put(partition, sort(nodes));
  }

  @Override
  public Set<N> getNodesPerPartition(String partition) {
    return nodesPerPartition.getOrDefault(partition, Collections.<N>emptySet());
  }

  /** The nodes in packing order, as an unmodifiable set that iterates in that order. */
  Set<N> sort(Collection<N> nodes) {
    RemovalMarks.Snapshot marks = removalMarks.snapshot();
    List<NodeStanding<N>> standings = new ArrayList<>(nodes.size());
    for (N node : nodes) {
      standings.add(NodeStanding.of(node, marks.isMarked(node)));
    }
    standings.sort(NodeStanding.PACKING_ORDER);
    Set<N> sorted = new LinkedHashSet<>(standings.size() * 2);
    for (NodeStanding<N> standing : standings) {
      sorted.add(standing.node());
    }
    if (LOG.isDebugEnabled()) {
      LOG.debug("Packing order: {}", standings);
    }
    return Collections.unmodifiableSet(sorted);
  }

  private RemovalMarks removalMarks(PlacementSettings settings) {
    return new RemovalMarks(
        settings.removalHostsFile() == null
            ? null
            : new RemovalHostsFile(
                settings.removalHostsFile(), settings.removalHostsRefreshMillis(), clockMillis));
  }

  private static long monotonicMillis() {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
  }
}
