package io.yardmaster.autoscaler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.registry.InvalidConfigurationException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A production configuration that forgets a key the autoscaler will need fails at start-up, and no
 * simulator part runs outside the embedded default.
 */
class StartupChecksTest {
  private static Map<String, Object> pool() {
    Map<String, Object> properties = new HashMap<>();
    properties.put("yardmaster.clusters.alpha.livy-url", "http://livy:8998");
    properties.put("yardmaster.clusters.alpha.resource-manager-url", "http://rm:8088");
    String pool = "yardmaster.node-pools.alpha-od.";
    properties.put(pool + "cluster", "alpha");
    properties.put(
        pool + "scale-set-id",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/a");
    properties.put(pool + "sku-name", "Standard_E8s_v5");
    properties.put(pool + "vm-cores", 8);
    properties.put(pool + "vm-memory-mb", 65536);
    properties.put("yardmaster.autoscaler.scheduler-enabled", false);
    properties.put("yardmaster.azure.tenant-id", "t");
    properties.put("yardmaster.azure.client-id", "c");
    properties.put("yardmaster.azure.client-secret", "s");
    properties.put("yardmaster.autoscaler.yarn-admin.alpha.exclude-file", "/etc/hadoop/exclude");
    return properties;
  }

  private static void startFails(Map<String, Object> properties, String... messages) {
    assertThatThrownBy(
            () -> {
              try (ApplicationContext context =
                  ApplicationContext.builder()
                      .deduceEnvironment(false)
                      .properties(properties)
                      .start()) {
                context.getBean(StartupChecks.class);
              }
            })
        .rootCause()
        .isInstanceOf(InvalidConfigurationException.class)
        .hasMessageContainingAll(messages);
  }

  @Test
  void aClusterWithPoolsNeedsItsResourceManagerAdminSettings() {
    Map<String, Object> properties = pool();
    properties.remove("yardmaster.autoscaler.yarn-admin.alpha.exclude-file");
    startFails(properties, "yardmaster.autoscaler.yarn-admin.alpha.exclude-file is required");
  }

  @Test
  void realAzureWithoutASecretFailsAtStartNotAtTheFirstGrow() {
    Map<String, Object> properties = pool();
    properties.remove("yardmaster.azure.client-secret");
    startFails(properties, "yardmaster.azure.client-secret");
  }

  @Test
  void theSimulatorsDecommissionerIsForTheEmbeddedDefaultOnly() {
    Map<String, Object> properties = pool();
    properties.put("yardmaster.autoscaler.decommissioner", "simulator");
    startFails(
        properties,
        "yardmaster.autoscaler.decommissioner=simulator is for the embedded default only");
  }

  @Test
  void aPlainHttpArmEndpointWithoutCredentialsIsForTheEmbeddedDefaultOnly() {
    Map<String, Object> properties = pool();
    properties.remove("yardmaster.azure.tenant-id");
    properties.remove("yardmaster.azure.client-id");
    properties.remove("yardmaster.azure.client-secret");
    properties.put("yardmaster.azure.endpoint", "http://arm.internal/");
    startFails(properties, "yardmaster.azure.endpoint=http://arm.internal/", "embedded default");
  }
}
