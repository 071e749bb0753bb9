package io.yardmaster.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class PlacementSettingsTest {

  @Test
  void withoutSettingsThereIsNoHostsFileAndTheDefaultRefresh() {
    PlacementSettings settings = PlacementSettings.from(new Configuration(false));

    assertThat(settings.removalHostsFile()).isNull();
    assertThat(settings.removalHostsRefreshMillis()).isEqualTo(10_000L);
  }

  @Test
  void readsTheHostsFileAndARefreshWithAUnit() {
    Configuration conf = new Configuration(false);
    conf.set("yardmaster.placement.removal-hosts-file", " /etc/hadoop/conf/yardmaster-removal ");
    conf.set("yardmaster.placement.removal-hosts-file.refresh-ms", "30s");

    PlacementSettings settings = PlacementSettings.from(conf);

    assertThat(settings.removalHostsFile())
        .isEqualTo(Path.of("/etc/hadoop/conf/yardmaster-removal"));
    assertThat(settings.removalHostsRefreshMillis()).isEqualTo(30_000L);
  }

  @Test
  void rejectsANegativeRefresh() {
    Configuration conf = new Configuration(false);
    conf.set("yardmaster.placement.removal-hosts-file.refresh-ms", "-1");

    assertThatThrownBy(() -> PlacementSettings.from(conf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("yardmaster.placement.removal-hosts-file.refresh-ms");
  }

  @Test
  void theResourceManagerClasspathSettingsComeFromYarnSiteXml() {
    // src/test/resources/yarn-site.xml names the file through this system property.
    String property = "yardmaster.placement.it.removal-hosts-file";
    String previous = System.getProperty(property);
    System.setProperty(property, "/tmp/yardmaster-removal-hosts");
    try {
      PlacementSettings settings = PlacementSettings.fromResourceManagerClasspath();

      assertThat(settings.removalHostsFile()).isEqualTo(Path.of("/tmp/yardmaster-removal-hosts"));
      assertThat(settings.removalHostsRefreshMillis()).isZero();
    } finally {
      if (previous == null) {
        System.clearProperty(property);
      } else {
        System.setProperty(property, previous);
      }
    }
  }
}
