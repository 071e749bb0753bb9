package io.yardmaster.bench.autoscaling;

import io.yardmaster.bench.ClairvoyantDemand;
import io.yardmaster.core.registry.Sku;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Polygon;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A PNG of demand vs capacity over the replay, one panel per run: the nodes the run's allocated
 * plus pending containers fill (grey area), the scale set's capacity (blue) and the clairvoyant
 * n(t) of the trace (black). Drawn with java.awt, headless.
 */
final class DemandCapacityPlot {
  private static final int WIDTH = 1400;
  private static final int PANEL = 380;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 40;
  private static final int BOTTOM = 40;

  private DemandCapacityPlot() {}

  static void write(List<RunResult> runs, ClairvoyantDemand oracle, Sku sku, Path file) {
    long endSecond = 0;
    long maxNodes = 1;
    for (RunResult run : runs) {
      for (TimelinePoint point : run.timeline()) {
        endSecond = Math.max(endSecond, point.second());
        maxNodes = Math.max(maxNodes, Math.max(point.capacity(), point.demandNodes()));
      }
    }
    maxNodes = Math.max(maxNodes, oracle.peakNodes(sku));
    BufferedImage image = new BufferedImage(WIDTH, PANEL * runs.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    for (int i = 0; i < runs.size(); i++) {
      panel(g, runs.get(i), oracle, sku, i * PANEL, endSecond, niceCeiling(maxNodes));
    }
    g.dispose();
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      ImageIO.write(image, "png", file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void panel(
      Graphics2D g,
      RunResult run,
      ClairvoyantDemand oracle,
      Sku sku,
      int top,
      long endSecond,
      long maxNodes) {
    int plotTop = top + TOP;
    int plotHeight = PANEL - TOP - BOTTOM;
    int plotWidth = WIDTH - LEFT - RIGHT;
    Axis axis = new Axis(LEFT, plotTop, plotWidth, plotHeight, endSecond, maxNodes);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(230, 230, 230));
    for (long hour = 0; hour * 3600 <= endSecond; hour += 2) {
      int x = axis.x(hour * 3600);
      g.drawLine(x, plotTop, x, plotTop + plotHeight);
    }
    List<TimelinePoint> points = run.timeline();
    Polygon area = new Polygon();
    area.addPoint(axis.x(0), axis.y(0));
    for (TimelinePoint point : points) {
      area.addPoint(axis.x(point.second()), axis.y(point.demandNodes()));
    }
    area.addPoint(axis.x(endSecond), axis.y(0));
    g.setColor(new Color(190, 190, 190));
    g.fillPolygon(area);
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.BLACK);
    int previousX = axis.x(0);
    int previousY = axis.y(0);
    for (long second = 0; second <= endSecond; second += 60) {
      int x = axis.x(second);
      int y = axis.y(oracle.nodesAt(sku, second));
      g.drawLine(previousX, previousY, x, y);
      previousX = x;
      previousY = y;
    }
    g.setStroke(new BasicStroke(1.6f));
    g.setColor(new Color(30, 90, 200));
    for (int i = 1; i < points.size(); i++) {
      TimelinePoint a = points.get(i - 1);
      TimelinePoint b = points.get(i);
      g.drawLine(
          axis.x(a.second()), axis.y(a.capacity()), axis.x(b.second()), axis.y(a.capacity()));
      g.drawLine(
          axis.x(b.second()), axis.y(a.capacity()), axis.x(b.second()), axis.y(b.capacity()));
    }
    g.setStroke(new BasicStroke(1f));
    g.setColor(Color.DARK_GRAY);
    g.drawRect(LEFT, plotTop, plotWidth, plotHeight);
    for (long hour = 0; hour * 3600 <= endSecond; hour += 2) {
      g.drawString(hour + " h", axis.x(hour * 3600) - 8, plotTop + plotHeight + 16);
    }
    for (int tick = 0; tick <= 4; tick++) {
      long nodes = maxNodes * tick / 4;
      g.drawString(Long.toString(nodes), 10, axis.y(nodes) + 4);
    }
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
    g.drawString(
        String.format(
            Locale.ROOT,
            "%s: %.0f VM-hours; nodes (%s, %d vcores each) - grey: allocated + pending,"
                + " blue: capacity, black: clairvoyant n(t)",
            run.policy(),
            run.vmHours(),
            sku.name(),
            sku.nodeManagerVcores()),
        LEFT,
        top + 24);
  }

  private static long niceCeiling(long value) {
    long step = value > 1000 ? 200 : value > 200 ? 50 : 10;
    return (value + step - 1) / step * step;
  }

  private record Axis(int left, int top, int width, int height, long endSecond, long maxNodes) {
    int x(long second) {
      return left + (int) (width * second / Math.max(1, endSecond));
    }

    int y(long nodes) {
      return top + height - (int) (height * nodes / Math.max(1, maxNodes));
    }
  }
}
