package io.yardmaster.bench.autoscaling;

/**
 * The pool at one decision tick.
 *
 * @param second seconds since the start of the replay
 * @param demandNodes nodes the allocated plus pending containers would fill, max(cores / c, memory
 *     / m) rounded up
 * @param capacity VMs that exist (booting, running or draining)
 * @param runningNodes registered NodeManagers accepting containers
 */
public record TimelinePoint(long second, int demandNodes, int capacity, int runningNodes) {}
