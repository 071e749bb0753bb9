package io.yardmaster;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.clusters.ClusterController;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RolesTest {
  @Test
  void apiRoleSwitchesTheRestApiOff() {
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("yardmaster.roles.api", "false"), "test")) {
      assertThat(context.containsBean(ClusterController.class)).isFalse();
    }
  }

  @Test
  void allRolesAreOnByDefault() {
    try (ApplicationContext context = ApplicationContext.run("test")) {
      assertThat(context.containsBean(ClusterController.class)).isTrue();
    }
  }
}
