package io.yardmaster.simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Server settings for an emulator test: a free port, and the test cluster's Livy and RM URLs
 * pointing at that server (the emulators build links from them).
 */
public final class EmulatorTestServer {
  private EmulatorTestServer() {}

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Properties for {@code TestPropertyProvider#getProperties()}. */
  public static Map<String, String> properties(int port) {
    String base = "http://localhost:" + port + "/sim/alpha";
    return Map.of(
        "micronaut.server.port", Integer.toString(port),
        "yardmaster.clusters.alpha.livy-url", base + "/livy",
        "yardmaster.clusters.alpha.resource-manager-url", base + "/rm");
  }
}
