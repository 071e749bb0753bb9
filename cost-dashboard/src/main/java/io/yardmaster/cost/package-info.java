/**
 * The cost role: what the VMs cost, attributed to each DAG, task, run, try and team.
 *
 * <p>{@code collect} reads every finished (and running) YARN app from each RM and every VM's
 * lifetime per node pool; {@code price} is the versioned price book; {@code attribution} turns them
 * into the rows of {@code cost_allocation} (V25), to the micro-dollar; {@code api} serves them as
 * {@code /api/v1/costs} and CSV; the dashboard is served at {@code /}. See the module's README for
 * the contract between them.
 */
package io.yardmaster.cost;
