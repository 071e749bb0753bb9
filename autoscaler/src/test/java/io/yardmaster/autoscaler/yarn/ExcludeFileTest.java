package io.yardmaster.autoscaler.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exclude file the RM reads: one host a line, comments ignored, written whole. */
class ExcludeFileTest {
  @TempDir Path folder;

  @Test
  void readsHostsSkipsCommentsAndRewritesAtomically() throws Exception {
    Path file = folder.resolve("conf/yarn.exclude");
    assertThat(HostsFile.read(file)).isEmpty();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "# excluded\nVM000001\n\n  vm000002 \n", StandardCharsets.UTF_8);

    assertThat(HostsFile.read(file)).containsExactly("vm000001", "vm000002");

    HostsFile.write(file, Set.of("vm000003"));
    assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).containsExactly("vm000003");
    try (java.util.stream.Stream<Path> entries = Files.list(file.getParent())) {
      assertThat(entries).containsExactly(file);
    }
  }
}
