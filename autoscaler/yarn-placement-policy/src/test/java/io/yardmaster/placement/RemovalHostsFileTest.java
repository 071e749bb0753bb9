package io.yardmaster.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemovalHostsFileTest {

  private final AtomicLong clock = new AtomicLong();

  @TempDir Path folder;

  @Test
  void parsesHostsAndNodeIdsIgnoringCommentsBlankLinesAndCase() {
    assertThat(
            RemovalHostsFile.parse(
                "# nodes being drained\r\n Worker-7 \n\n  # nothing\nworker-8:45454 # one NM\n"))
        .containsExactlyInAnyOrder("worker-7", "worker-8:45454");
  }

  @Test
  void aMissingFileListsNothing() {
    assertThat(new RemovalHostsFile(folder.resolve("absent"), 0, clock::get).entries()).isEmpty();
  }

  @Test
  void anUnreadableFileKeepsTheLastEntriesRead() throws Exception {
    Path hosts = folder.resolve("hosts");
    Files.writeString(hosts, "worker-1\n");
    RemovalHostsFile file = new RemovalHostsFile(hosts, 0, clock::get);
    assertThat(file.entries()).containsExactly("worker-1");

    Files.delete(hosts);
    Files.createDirectory(hosts);

    assertThat(file.entries()).as("a folder cannot be read as a file").containsExactly("worker-1");
  }

  @Test
  void rereadsOnlyAfterTheRefreshInterval() throws Exception {
    Path hosts = folder.resolve("hosts");
    Files.writeString(hosts, "worker-1\n");
    RemovalHostsFile file = new RemovalHostsFile(hosts, 5_000, clock::get);
    assertThat(file.entries()).containsExactly("worker-1");

    Files.writeString(hosts, "worker-2\n");
    clock.addAndGet(4_999);
    assertThat(file.entries()).containsExactly("worker-1");
    clock.addAndGet(1);
    assertThat(file.entries()).containsExactly("worker-2");
  }
}
