package io.yardmaster.autoscaler.loop;

import io.yardmaster.autoscaler.yarn.NodeManagerApps;
import io.yardmaster.autoscaler.yarn.YarnNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks many NodeManagers for their running applications at once. A pool that just emptied has
 * hundreds of idle nodes, and one by one, each with the peer timeout, a few hung NodeManagers would
 * stall the tick; here {@link #THREADS} reads run together and the whole costs at most the budget.
 * A node not answered within it counts as {@link PoolObservation#UNREADABLE}, i.e. not free.
 */
final class NodeManagerReads {
  /** Half of the default 30 s tick: the decision still comes in time. */
  static final Duration BUDGET = Duration.ofSeconds(15);

  static final int THREADS = 16;

  private static final Logger LOG = LoggerFactory.getLogger(NodeManagerReads.class);

  private static final ExecutorService READERS =
      Executors.newFixedThreadPool(
          THREADS,
          task -> {
            Thread thread = new Thread(task, "nodemanager-read");
            thread.setDaemon(true);
            return thread;
          });

  private NodeManagerReads() {}

  /** Running applications per node id; {@link PoolObservation#UNREADABLE} where unread. */
  static Map<String, Integer> runningApplications(
      NodeManagerApps apps, List<YarnNode> nodes, Duration budget) {
    Map<String, Future<Integer>> reads = new LinkedHashMap<>();
    for (YarnNode node : nodes) {
      reads.put(node.id(), READERS.submit(() -> apps.runningApplications(node).size()));
    }
    long deadline = System.nanoTime() + budget.toNanos();
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Map.Entry<String, Future<Integer>> read : reads.entrySet()) {
      counts.put(read.getKey(), await(read.getKey(), read.getValue(), deadline));
    }
    return counts;
  }

  private static int await(String nodeId, Future<Integer> read, long deadline) {
    try {
      return read.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException | CancellationException e) {
      read.cancel(true);
      LOG.warn("NodeManager of {} not read within the tick's budget, it counts as busy", nodeId);
    } catch (ExecutionException e) {
      LOG.warn(
          "NodeManager of {} unreadable, the node counts as busy: {}",
          nodeId,
          e.getCause().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      read.cancel(true);
    }
    return PoolObservation.UNREADABLE;
  }
}
