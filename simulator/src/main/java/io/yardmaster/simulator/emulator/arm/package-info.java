/**
 * An emulator of Azure Resource Manager's VM scale set API (api-version 2025-04-01, as {@code
 * azure-resourcemanager-compute} 2.54 calls it) over the simulated fleet's scale sets.
 *
 * <ul>
 *   <li>{@code GET .../virtualMachineScaleSets/{name}}: id, name, location, etag (also the ETag
 *       header), sku {name, tier, capacity}, properties.provisioningState ({@code Updating} while
 *       an operation runs).
 *   <li>{@code PATCH} (or {@code PUT}) with {@code {"sku":{"capacity":n}}}: honours {@code
 *       If-Match} (412 PreconditionFailed), answers 200 with an {@code Azure-AsyncOperation} URL. A
 *       scale-out operation lasts until every new VM has booted, as Azure's does.
 *   <li>{@code GET .../virtualMachines[?$expand=instanceView]}: instanceId, name,
 *       properties.provisioningState (Creating, Succeeded), osProfile.computerName (the NodeManager
 *       host), timeCreated, and with the expand the PowerState status (starting, running).
 *   <li>{@code POST .../delete} with {@code {"instanceIds":[...]}}: exactly those VMs, 202 with
 *       {@code Azure-AsyncOperation} and {@code Location}; an unknown id is 400 InvalidParameter.
 *   <li>Writes take a token from a per-scale-set bucket (burst 12, 4 a minute, on the simulation's
 *       clock); beyond it 429 OperationNotAllowed/TooManyRequests with {@code Retry-After}.
 *   <li>An unknown scale set is 404 ResourceNotFound; no {@code api-version} is 400.
 * </ul>
 *
 * <p>By hand, against the demo fleet ({@code infra/local-stack/fleet.yml}):
 *
 * <pre>
 * VMSS=http://localhost:8080/sim/arm/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/yardmaster-sim/providers/Microsoft.Compute/virtualMachineScaleSets/alpha-ondemand
 * curl -si "$VMSS?api-version=2025-04-01"                  # note the ETag header
 * curl -s -X PATCH -H 'Content-Type: application/json' -H 'If-Match: "2"' \
 *      -d '{"sku":{"capacity":4}}' "$VMSS?api-version=2025-04-01"
 * curl -s "$VMSS/virtualMachines?api-version=2025-04-01&amp;%24expand=instanceView"
 * curl -s -X POST -H 'Content-Type: application/json' -d '{"instanceIds":["3"]}' \
 *      "$VMSS/delete?api-version=2025-04-01"
 * </pre>
 *
 * <p>Test hooks: {@link io.yardmaster.simulator.emulator.arm.ArmFaults} in the JVM, or {@code POST
 * /sim/arm-admin/faults} with {@code {"scaleSetId":"/subscriptions/...","status":429,"times":2}}
 * (or {@code "delayMillis":5000}); {@code DELETE /sim/arm-admin/faults} clears them and refills
 * every write budget.
 */
package io.yardmaster.simulator.emulator.arm;
