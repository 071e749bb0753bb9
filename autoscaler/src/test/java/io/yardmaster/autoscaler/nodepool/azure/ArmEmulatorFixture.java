package io.yardmaster.autoscaler.nodepool.azure;

import com.azure.resourcemanager.compute.ComputeManager;
import io.micronaut.context.ApplicationContext;
import io.micronaut.inject.qualifiers.Qualifiers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.yardmaster.autoscaler.nodepool.NodePool;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.emulator.arm.ArmFaults;
import io.yardmaster.simulator.emulator.arm.ArmWriteThrottle;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The simulator's ARM emulator in an embedded server, and a second application context, the
 * autoscaler's, whose {@link NodePool} beans reach it through the real Azure SDK.
 */
final class ArmEmulatorFixture implements AutoCloseable {
  static final String SUBSCRIPTION = "0b1f6471-1bf0-4dda-aec3-cb9272f09590";
  static final String BATCH_ID = scaleSetId("vmss-batch");
  static final String MISSING_ID = scaleSetId("vmss-missing");
  static final String SKU = "Standard_D8s_v5";
  static final int INITIAL_NODES = 2;

  private final EmbeddedServer server;
  private final ApplicationContext autoscaler;

  ArmEmulatorFixture() {
    Map<String, Object> fleet = new HashMap<>();
    fleet.put("yardmaster.clusters.spark1.livy-url", "http://localhost:1/sim/spark1/livy");
    fleet.put(
        "yardmaster.clusters.spark1.resource-manager-url", "http://localhost:1/sim/spark1/rm");
    fleet.put("yardmaster.node-pools.batch.cluster", "spark1");
    fleet.put("yardmaster.node-pools.batch.scale-set-id", BATCH_ID);
    fleet.put("yardmaster.node-pools.batch.sku-name", SKU);
    fleet.put("yardmaster.node-pools.batch.vm-cores", 8);
    fleet.put("yardmaster.node-pools.batch.vm-memory-mb", 32768);
    fleet.put("yardmaster.node-pools.batch.max-nodes", 50);

    Map<String, Object> simulator = new HashMap<>(fleet);
    simulator.put("micronaut.server.port", -1);
    simulator.put("yardmaster.simulator.enabled", true);
    // This process plays the peers only; the autoscaler under test runs in its own context.
    simulator.put("yardmaster.roles.autoscaler", false);
    simulator.put("yardmaster.simulator.initial-nodes", INITIAL_NODES);
    simulator.put("yardmaster.simulator.boot-time-median", "2500ms");
    simulator.put("yardmaster.simulator.arm.operation-duration", "100ms");
    this.server = ApplicationContext.run(EmbeddedServer.class, simulator);

    Map<String, Object> client = new HashMap<>(fleet);
    client.put("yardmaster.simulator.enabled", false);
    client.put("yardmaster.autoscaler.decommissioner", "simulator");
    client.put("yardmaster.azure.endpoint", server.getURL() + "/sim/arm/");
    client.put("yardmaster.azure.response-timeout", "1s");
    client.put("yardmaster.azure.max-retries", 1);
    client.put("yardmaster.azure.retry-delay", "50ms");
    this.autoscaler = ApplicationContext.run(client);
  }

  static String scaleSetId(String name) {
    return "/subscriptions/"
        + SUBSCRIPTION
        + "/resourceGroups/rg-yardmaster/providers/Microsoft.Compute/virtualMachineScaleSets/"
        + name;
  }

  /** The autoscaler's bean for the configured pool. */
  NodePool configuredPool(String name) {
    return autoscaler.getBean(NodePool.class, Qualifiers.byName(name));
  }

  /** A pool on any scale set id. */
  NodePool pool(String armId) {
    ArmScaleSetId id = ArmScaleSetId.parse(armId);
    AzureComputeClients clients = autoscaler.getBean(AzureComputeClients.class);
    ComputeManager manager = clients.manager(id.subscriptionId());
    return new VmssNodePool(
        id.name(),
        id,
        manager.serviceClient().getVirtualMachineScaleSets(),
        manager.serviceClient().getVirtualMachineScaleSetVMs(),
        manager.serviceClient().getHttpPipeline(),
        clients.config().endpoint(),
        Clock.systemUTC());
  }

  /** The emulator's base, {@code http://localhost:<port>/sim/arm}. */
  URI armBase() {
    return URI.create(server.getURL() + "/sim/arm");
  }

  URI adminBase() {
    return URI.create(server.getURL() + "/sim/arm-admin");
  }

  /** Fast-forwards the simulation: VM boots, the end of operations, ARM's write budget. */
  void skip(Duration duration) {
    server.getApplicationContext().getBean(SimulatedFleet.class).clock().skip(duration);
  }

  ArmFaults faults() {
    return server.getApplicationContext().getBean(ArmFaults.class);
  }

  ArmWriteThrottle throttle() {
    return server.getApplicationContext().getBean(ArmWriteThrottle.class);
  }

  @Override
  public void close() {
    autoscaler.close();
    server.close();
  }
}
