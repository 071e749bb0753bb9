package io.yardmaster.core.registry;

import static java.util.Objects.requireNonNull;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A VM size: what Azure bills for ({@code vmCores}, {@code vmMemoryMb}) and what its NodeManager
 * offers YARN ({@code nodeManagerVcores}, {@code nodeManagerMemoryMb}, less than the VM's).
 */
@Serdeable
public record Sku(
    String name, int vmCores, int vmMemoryMb, int nodeManagerVcores, int nodeManagerMemoryMb) {
  public Sku {
    requireNonNull(name, "name is null");
  }
}
