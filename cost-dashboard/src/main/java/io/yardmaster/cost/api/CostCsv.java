package io.yardmaster.cost.api;

import io.yardmaster.cost.api.CostAnswer.Row;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSV of an answer: a header, then one line per row per set, with the same texts as the JSON
 * (RFC 4180 quoting; a cell a spreadsheet would run as a formula is prefixed with {@code '}).
 */
final class CostCsv {
  static final String TYPE = "text/csv";

  private CostCsv() {}

  static String of(CostAnswer answer, List<Dimension> naming) {
    StringBuilder csv = new StringBuilder();
    List<String> header = new ArrayList<>(List.of("start", "end", "name"));
    naming.forEach(dimension -> header.add(dimension.wireName()));
    header.addAll(
        List.of(
            "cost",
            "cpuCost",
            "memoryCost",
            "idleCost",
            "failedCost",
            "coreHours",
            "memoryGbHours",
            "runs",
            "efficiency"));
    line(csv, header);
    for (CostAnswer.Set set : answer.sets()) {
      for (Row row : set.rows()) {
        List<String> cells = new ArrayList<>(List.of(set.start(), set.end(), row.name()));
        naming.forEach(
            dimension -> cells.add(row.properties().getOrDefault(dimension.wireName(), "")));
        cells.addAll(
            List.of(
                row.cost(),
                row.cpuCost(),
                row.memoryCost(),
                row.idleCost(),
                row.failedCost(),
                row.coreHours(),
                row.memoryGbHours(),
                Long.toString(row.runs()),
                row.efficiency() == null ? "" : row.efficiency()));
        line(csv, cells);
      }
    }
    return csv.toString();
  }

  private static void line(StringBuilder csv, List<String> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        csv.append(',');
      }
      csv.append(cell(cells.get(i)));
    }
    csv.append("\r\n");
  }

  static String cell(String value) {
    String safe = value;
    if (!safe.isEmpty() && "=+-@\t\r".indexOf(safe.charAt(0)) >= 0 && !isNumber(safe)) {
      safe = "'" + safe;
    }
    if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }

  private static boolean isNumber(String value) {
    return value.matches("-?[0-9]+(\\.[0-9]+)?");
  }
}
