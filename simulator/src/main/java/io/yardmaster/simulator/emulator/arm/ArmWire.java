package io.yardmaster.simulator.emulator.arm;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The JSON shapes of ARM's compute API (2025-04-01) that the emulator reads and writes. */
final class ArmWire {
  private ArmWire() {}

  @Serdeable
  record ScaleSet(
      String id,
      String name,
      String type,
      String location,
      String etag,
      Sku sku,
      ScaleSetProperties properties) {}

  @Serdeable
  record Sku(@Nullable String name, @Nullable String tier, @Nullable Long capacity) {}

  @Serdeable
  record ScaleSetProperties(
      String provisioningState,
      String orchestrationMode,
      String uniqueId,
      boolean singlePlacementGroup,
      UpgradePolicy upgradePolicy,
      VmProfile virtualMachineProfile) {}

  @Serdeable
  record UpgradePolicy(String mode) {}

  @Serdeable
  record VmProfile(String priority, @Nullable String evictionPolicy) {}

  /** A PATCH (VirtualMachineScaleSetUpdate) or PUT body; only {@code sku} matters here. */
  @Serdeable
  record ScaleSetUpdate(@Nullable Sku sku) {}

  @Serdeable
  record Vm(
      String id,
      String name,
      String type,
      String location,
      String instanceId,
      Sku sku,
      VmProperties properties) {}

  @Serdeable
  record VmProperties(
      String provisioningState,
      String vmId,
      boolean latestModelApplied,
      String timeCreated,
      OsProfile osProfile,
      @Nullable InstanceView instanceView) {}

  @Serdeable
  record OsProfile(String computerName) {}

  @Serdeable
  record InstanceView(List<Status> statuses) {}

  @Serdeable
  record Status(String code, String level, String displayStatus) {}

  @Serdeable
  record VmList(List<Vm> value) {}

  @Serdeable
  record InstanceIds(@Nullable List<String> instanceIds) {}

  @Serdeable
  record OperationStatus(
      String name,
      String status,
      String startTime,
      @Nullable String endTime,
      @Nullable Error error) {}

  @Serdeable
  record ErrorBody(Error error) {}

  @Serdeable
  record Error(
      String code, String message, @Nullable String target, @Nullable List<Error> details) {}
}
