package io.yardmaster.simulator.model;

/** A running container: where it runs, for which application, how big, since when. */
public record SimulatedContainer(
    String id,
    SimulatedApplication application,
    SimulatedNode node,
    ContainerKind kind,
    Resources resources,
    long startMillis) {}
