package io.yardmaster.autoscaler.api;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.yardmaster.autoscaler.store.DecisionRecord;
import io.yardmaster.autoscaler.store.PoolOperation;
import java.time.Instant;

/**
 * A node pool as the autoscaler runs it: configured and effective bounds, operator state, a shrink
 * in progress, its cloud operation in flight (or its last one), the last decision.
 */
@Serdeable
public record PoolView(
    String name,
    String cluster,
    String priority,
    String sku,
    int preference,
    int configuredMinNodes,
    int configuredMaxNodes,
    int minNodes,
    int maxNodes,
    boolean paused,
    @Nullable Instant writesBlockedUntil,
    @Nullable Instant backoffUntil,
    int backoffLevel,
    @Nullable String shrinkPhase,
    @Nullable PoolOperation operation,
    @Nullable DecisionRecord lastDecision) {}
