package io.yardmaster.simulator.graphite;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.yardmaster.simulator.SimulatedFleet;
import io.yardmaster.simulator.SimulatorConfig;
import io.yardmaster.simulator.model.MetricsSample;
import io.yardmaster.simulator.model.SimulatedCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Graphite's render and find APIs at {@code /sim/graphite}, over the metrics the simulated
 * ResourceManagers' GraphiteSinks would send: one point per metrics period, the newest often null.
 */
@Controller("/sim/graphite")
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class GraphiteController {
  private final SimulatedFleet simulated;

  public GraphiteController(SimulatedFleet simulated) {
    this.simulated = simulated;
  }

  // Real Graphite ignores Accept: answer JSON whatever the client asks for.
  @Get(
      uri = "/render",
      produces = {MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL})
  public HttpResponse<byte[]> render(
      @Nullable @QueryValue List<String> target,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String until,
      @Nullable @QueryValue String format) {
    if (format == null || !format.toLowerCase(Locale.ROOT).equals("json")) {
      return HttpResponse.<byte[]>badRequest(bytes(message("only format=json is simulated")))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    long now = simulated.fleet().now().toEpochMilli() / 1000;
    long fromSeconds;
    long untilSeconds;
    try {
      fromSeconds = GraphiteTime.parse(from == null ? "-24h" : from, now);
      untilSeconds = GraphiteTime.parse(until == null ? "now" : until, now);
    } catch (IllegalArgumentException e) {
      return HttpResponse.<byte[]>badRequest(bytes(message(e.getMessage())))
          .contentType(MediaType.APPLICATION_JSON_TYPE);
    }
    long step = simulated.metrics().period().toSeconds();
    long first = fromSeconds - Math.floorMod(fromSeconds, step) + step;
    long end = untilSeconds - Math.floorMod(untilSeconds, step) + step;
    StringBuilder json = new StringBuilder("[");
    for (String expression : target == null ? List.<String>of() : target) {
      GraphitePattern pattern = new GraphitePattern(expression);
      for (GraphiteSeries series : series()) {
        if (!pattern.matches(series.name())) {
          continue;
        }
        List<MetricsSample> samples =
            simulated.metrics().samples(series.cluster(), first * 1000, end * 1000);
        if (json.length() > 1) {
          json.append(',');
        }
        json.append("{\"target\":")
            .append(quote(series.name()))
            .append(",\"tags\":{\"name\":")
            .append(quote(series.name()))
            .append("},\"datapoints\":[");
        int index = 0;
        for (long bucket = first; bucket < end; bucket += step) {
          Double value = null;
          while (index < samples.size() && samples.get(index).millis() < (bucket + step) * 1000) {
            if (samples.get(index).millis() >= bucket * 1000) {
              value = series.extractor().value(samples.get(index));
            }
            index++;
          }
          if (bucket != first) {
            json.append(',');
          }
          json.append('[').append(value == null ? "null" : value.toString()).append(',');
          json.append(bucket).append(']');
        }
        json.append("]}");
      }
    }
    return HttpResponse.ok(bytes(json.append(']').toString()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  @Get(
      uri = "/metrics/find",
      produces = {MediaType.APPLICATION_JSON, MediaType.APPLICATION_OCTET_STREAM, MediaType.ALL})
  public HttpResponse<byte[]> find(@QueryValue String query) {
    GraphitePattern pattern = new GraphitePattern(query);
    TreeMap<String, Boolean> found = new TreeMap<>();
    for (GraphiteSeries series : series()) {
      String[] levels = series.name().split("\\.");
      if (levels.length < pattern.levels()) {
        continue;
      }
      String path = String.join(".", java.util.Arrays.copyOf(levels, pattern.levels()));
      if (pattern.matches(path)) {
        boolean leaf = levels.length == pattern.levels();
        found.merge(path, leaf, Boolean::logicalAnd);
      }
    }
    StringBuilder json = new StringBuilder("[");
    found.forEach(
        (path, leaf) -> {
          if (json.length() > 1) {
            json.append(',');
          }
          int flag = leaf ? 1 : 0;
          json.append("{\"leaf\":")
              .append(flag)
              .append(",\"text\":")
              .append(quote(path.substring(path.lastIndexOf('.') + 1)))
              .append(",\"expandable\":")
              .append(1 - flag)
              .append(",\"id\":")
              .append(quote(path))
              .append(",\"allowChildren\":")
              .append(1 - flag)
              .append('}');
        });
    return HttpResponse.ok(bytes(json.append(']').toString()))
        .contentType(MediaType.APPLICATION_JSON_TYPE);
  }

  private List<GraphiteSeries> series() {
    List<GraphiteSeries> all = new ArrayList<>();
    for (SimulatedCluster cluster : simulated.fleet().clusters()) {
      String prefix =
          simulated
              .clusterConfig(cluster.name())
              .map(config -> config.graphitePrefix())
              .orElse(cluster.name());
      all.addAll(GraphiteSeries.of(cluster.name(), prefix, List.copyOf(cluster.queues())));
    }
    return all;
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String message(String text) {
    return "{\"msg\":" + quote(text) + "}";
  }

  private static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
