package io.yardmaster.cost.api;

import java.util.Map;

/**
 * The sums of the {@code cost_allocation} rows of one set, one kind (APP or IDLE) and one value of
 * each grouping dimension: what {@link CostStore} reads and {@link CostReport} turns into rows.
 *
 * @param set the index of the set (0 without a step)
 * @param labels the grouping dimensions' values ({@code ""} when the app has none)
 * @param failedCost the part of {@code cost} of apps whose final status is FAILED or KILLED
 * @param failedShare the part of {@code idleShare} of those apps
 * @param failedCause the part of {@code idleCause} of those apps
 * @param runs distinct (DAG, run) pairs among the group's apps
 * @param firstHour the earliest hour (epoch ms) of the group's rows
 * @param lastHour the latest hour (epoch ms) of the group's rows
 */
record CostGroup(
    int set,
    Map<Dimension, String> labels,
    boolean idle,
    long cpu,
    long memory,
    long cost,
    long idleShare,
    long idleCause,
    long failedCost,
    long failedShare,
    long failedCause,
    long vcoreSeconds,
    long memoryMbSeconds,
    long runs,
    long firstHour,
    long lastHour) {}
