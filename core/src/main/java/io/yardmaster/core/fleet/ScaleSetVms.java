package io.yardmaster.core.fleet;

import io.yardmaster.core.registry.NodePoolConfig;
import java.util.List;

/**
 * The VMs a node pool's scale set has now, as the cloud lists them: what the cost role bills from
 * (their creation times) without depending on the autoscaler module, which implements it over the
 * Azure SDK it already drives.
 */
public interface ScaleSetVms {

  /**
   * The scale set's VMs as listed now.
   *
   * @throws RuntimeException when the scale set cannot be read (the caller skips the pool for this
   *     pass)
   */
  List<ScaleSetVm> list(NodePoolConfig pool);
}
