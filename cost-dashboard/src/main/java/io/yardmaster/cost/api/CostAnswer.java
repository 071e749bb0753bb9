package io.yardmaster.cost.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The answer of {@code GET /api/v1/costs}: one set per step, each with its rows and totals. */
@Serdeable
@Schema(name = "CostAnswer")
public record CostAnswer(
    @Schema(description = "the window's start, a whole UTC hour (RFC 3339)") String start,
    @Schema(description = "the window's end (exclusive), a whole UTC hour (RFC 3339)") String end,
    @Schema(description = "the dimensions asked for") List<String> aggregate,
    @Schema(description = "the step asked for, or none") String step,
    @Schema(description = "how idle is shown: separate, share or cause") String idle,
    @Schema(description = "the filters applied, a team token's own team included")
        List<String> filter,
    @Schema(description = "the currency of every amount") String currency,
    @Schema(description = "one set per step, in time order") List<Set> sets,
    @Schema(description = "the sums over the whole window") Totals totals) {

  /** One step of the window. */
  @Serdeable
  @Schema(name = "CostSet")
  public record Set(String start, String end, List<Row> rows, Totals totals) {}

  /**
   * One aggregate's costs in one set. Amounts are dollars with six decimals, exact: the sums of
   * integer micro-dollars. {@code cost = cpuCost + memoryCost + idleCost}.
   */
  @Serdeable
  @Schema(name = "CostRow")
  public record Row(
      @Schema(
              description =
                  "the aggregate's values joined by '/'; __unallocated__ for an app without the"
                      + " label, __idle__ for idle")
          String name,
      @Schema(description = "each grouping dimension's value") Map<String, String> properties,
      @Schema(description = "dollars, six decimals") String cost,
      @Schema(description = "the cost in integer micro-dollars") long costMicros,
      @Schema(description = "the CPU part of the apps' allocation") String cpuCost,
      @Schema(description = "the memory part of the apps' allocation") String memoryCost,
      @Schema(description = "the idle in this row: the idle row's, or the share folded in")
          String idleCost,
      @Schema(description = "the cost of apps whose final status is FAILED or KILLED")
          String failedCost,
      @Schema(description = "allocated vcore-hours, three decimals") String coreHours,
      @Schema(description = "allocated memory GB-hours, three decimals") String memoryGbHours,
      @Schema(description = "distinct Airflow runs (DAG and run id) among the apps") long runs,
      @Schema(
              description =
                  "the share of the cost that paid for attempts that did not fail (their CPU and"
                      + " memory, idle excluded), four decimals; null when the cost is 0")
          @Nullable
          String efficiency,
      @Schema(description = "the first hour with cost in this set") String firstHour,
      @Schema(description = "the last hour with cost in this set") String lastHour,
      @Schema(description = "where to look further: job, airflow, sparkUi, when known")
          Map<String, String> links) {}

  /** The sums of a set's rows (runs: distinct over the set), or of the window's sets. */
  @Serdeable
  @Schema(name = "CostTotals")
  public record Totals(
      String cost,
      long costMicros,
      String cpuCost,
      String memoryCost,
      String idleCost,
      String failedCost,
      String coreHours,
      String memoryGbHours,
      long runs,
      @Nullable String efficiency) {}
}
