package io.yardmaster.bench.fleet;

import io.micronaut.core.annotation.Nullable;
import java.time.Duration;

/**
 * One invocation of the tick-lag benchmark; see {@link #usage()}.
 *
 * @param pools node pools, each the only pool of its own simulated cluster
 * @param tick the autoscaler's tick
 * @param ticksAfterBurst ticks of every pool measured from the burst on
 * @param bootTime the simulated VMs' median boot time (a grow's ARM operation lasts until its VMs
 *     booted)
 * @param schedulerThreads Quartz worker threads; 0: the product's default
 * @param runs repetitions (fresh contexts and database each)
 * @param postgresUrl a PostgreSQL server (JDBC URL of any database on it): each run creates a fresh
 *     database there for the autoscaler (clustered Quartz); null: in-memory H2 (the embedded
 *     default's database, and its in-memory Quartz)
 * @param postgresUser the PostgreSQL user, who may create databases
 */
record FleetTickOptions(
    int pools,
    Duration tick,
    int ticksAfterBurst,
    Duration bootTime,
    int schedulerThreads,
    int runs,
    @Nullable String postgresUrl,
    String postgresUser) {

  FleetTickOptions {
    if (pools < 1 || ticksAfterBurst < 1 || runs < 1 || schedulerThreads < 0) {
      throw new IllegalArgumentException("pools, ticks, runs must be positive");
    }
  }

  static FleetTickOptions parse(String[] args) {
    return new FleetTickOptions(
        Integer.parseInt(argument(args, "--pools", "100")),
        Duration.parse("PT" + argument(args, "--tick", "10s")),
        Integer.parseInt(argument(args, "--ticks", "8")),
        Duration.parse("PT" + argument(args, "--boot", "45s")),
        Integer.parseInt(argument(args, "--threads", "0")),
        Integer.parseInt(argument(args, "--runs", "3")),
        argument(args, "--postgres", null),
        argument(args, "--postgres-user", "postgres"));
  }

  static String usage() {
    return "usage: bench/fleet-ticks.sh [--pools 100] [--tick 10s] [--ticks 8] [--boot 45s]"
        + " [--threads N (default: the product's)] [--runs 3]"
        + " [--postgres jdbc:postgresql://host:port/db [--postgres-user postgres]]";
  }

  private static String argument(String[] args, String name, String fallback) {
    for (int i = 0; i < args.length - 1; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
