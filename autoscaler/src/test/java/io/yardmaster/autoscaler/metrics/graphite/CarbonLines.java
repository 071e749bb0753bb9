package io.yardmaster.autoscaler.metrics.graphite;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Sends plaintext lines to carbon, the way Hadoop's GraphiteSink does. */
final class CarbonLines {
  private final int port;
  private final StringBuilder lines = new StringBuilder();

  CarbonLines(int port) {
    this.port = port;
  }

  /** The sink's path for a queue metric: {@code Queue=<queue>} then context and RM host. */
  static String queuePath(String prefix, String queue, String host, String metric) {
    return prefix
        + ".yarn.QueueMetrics.Queue="
        + queue
        + ".Context=yarn.Hostname="
        + host
        + "."
        + metric;
  }

  CarbonLines point(String path, double value, Instant at) {
    lines
        .append(path)
        .append(' ')
        .append(value)
        .append(' ')
        .append(at.getEpochSecond())
        .append('\n');
    return this;
  }

  void send() {
    try (Socket socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream()) {
      out.write(lines.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("carbon on port " + port, e);
    }
    lines.setLength(0);
  }

  static Peers peers() {
    String url = System.getenv("YM_TEST_GRAPHITE_URL");
    String carbon = System.getenv("YM_TEST_CARBON_PORT");
    if (url == null || carbon == null) {
      throw new IllegalStateException(
          "YM_TEST_GRAPHITE_URL / YM_TEST_CARBON_PORT are not set: run the tests with"
              + " infra/local-stack/test.sh");
    }
    return new Peers(url, Integer.parseInt(carbon));
  }

  record Peers(String renderUrl, int carbonPort) {}
}
