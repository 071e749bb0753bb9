package io.yardmaster.cost.attribution;

import io.micronaut.core.annotation.Nullable;
import io.yardmaster.core.registry.Priority;
import java.time.Instant;

/**
 * One VM's billed life in a node pool, billed per second from creation to deletion (end null: it
 * still runs). Its capacity is what its NodeManager offers YARN.
 */
public record VmSpan(
    String cluster,
    String pool,
    String vmId,
    String sku,
    String region,
    Priority priority,
    Instant start,
    @Nullable Instant end,
    int vcores,
    long memoryMb) {}
