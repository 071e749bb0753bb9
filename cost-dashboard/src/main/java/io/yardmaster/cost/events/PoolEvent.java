package io.yardmaster.cost.events;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

/** Something that changed a node pool's VMs: what a DAG's cost per run is read against. */
@Serdeable
@Schema(name = "PoolEvent")
public record PoolEvent(
    @Schema(description = "when it happened (RFC 3339)") String at,
    @Schema(
            description =
                "SCALE_OUT: the autoscaler grew the pool; SCALE_IN: it deleted free VMs;"
                    + " SPOT_EVICTION: spot VMs left that the autoscaler did not delete (seen by"
                    + " the VM records within their interval)")
        Kind kind,
    String cluster,
    String pool,
    @Schema(description = "how many VMs came or went; null when the grow's capacity read failed")
        @Nullable
        Integer vms,
    @Schema(description = "SCALE_OUT and SCALE_IN: the capacity the autoscaler read before")
        @Nullable
        Integer capacity,
    @Schema(description = "SCALE_OUT and SCALE_IN: the capacity it asked for") @Nullable
        Integer target) {

  /** What happened. */
  public enum Kind {
    SCALE_OUT,
    SCALE_IN,
    SPOT_EVICTION
  }
}
