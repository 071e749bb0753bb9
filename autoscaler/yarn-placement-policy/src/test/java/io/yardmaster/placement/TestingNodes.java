package io.yardmaster.placement;

import org.apache.hadoop.net.NodeBase;
import org.apache.hadoop.yarn.api.records.NodeId;
import org.apache.hadoop.yarn.api.records.NodeState;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.server.resourcemanager.RMContextImpl;
import org.apache.hadoop.yarn.server.resourcemanager.rmnode.RMNodeImpl;
import org.apache.hadoop.yarn.server.resourcemanager.scheduler.common.fica.FiCaSchedulerNode;

/**
 * CapacityScheduler nodes for tests: Hadoop's own {@link FiCaSchedulerNode} over an {@link
 * RMNodeImpl} whose state is set by the test (the real one gets there through its event-driven
 * state machine). Allocations go through {@link FiCaSchedulerNode#deductUnallocatedResource}, the
 * same accounting a container allocation does.
 */
final class TestingNodes {

  private static final RMContextImpl CONTEXT = new RMContextImpl();

  private TestingNodes() {}

  static FiCaSchedulerNode node(String host, int port, long memoryMb, int vcores) {
    return node(host, port, memoryMb, vcores, NodeState.RUNNING);
  }

  static FiCaSchedulerNode node(String host, int port, long memoryMb, int vcores, NodeState state) {
    NodeId nodeId = NodeId.newInstance(host, port);
    return new FiCaSchedulerNode(
        new StateSetRMNode(nodeId, Resource.newInstance(memoryMb, vcores), state), false);
  }

  static FiCaSchedulerNode allocate(FiCaSchedulerNode node, long memoryMb, int vcores) {
    node.deductUnallocatedResource(Resource.newInstance(memoryMb, vcores));
    return node;
  }

  private static final class StateSetRMNode extends RMNodeImpl {

    private final NodeState state;

    StateSetRMNode(NodeId nodeId, Resource capability, NodeState state) {
      super(
          nodeId,
          CONTEXT,
          nodeId.getHost(),
          nodeId.getPort(),
          8042,
          new NodeBase(nodeId.getHost(), "/default-rack"),
          capability,
          "3.4.2");
      this.state = state;
    }

    @Override
    public NodeState getState() {
      return state;
    }
  }
}
