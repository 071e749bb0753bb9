package io.yardmaster.cost.price;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;

/**
 * A new row of the price book. Unknown fields are refused.
 *
 * @param sku the VM size as Azure names it (Standard_E8s_v5)
 * @param region the Azure region (westeurope)
 * @param priority on-demand or spot
 * @param dollarsPerHour the price of one VM-hour in dollars, at most 6 decimals
 * @param validFrom from when it applies (ISO-8601); a date in the past reprices the hours since,
 *     which attribution then recomputes
 * @param note why (an invoice, a reservation), at most 500 characters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
@Schema(additionalProperties = Schema.AdditionalPropertiesValue.FALSE)
public record PriceRequest(
    @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String sku,
    @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = 64) String region,
    @Nullable
        @Schema(
            requiredMode = Schema.RequiredMode.REQUIRED,
            allowableValues = {"on-demand", "spot"})
        String priority,
    @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = "10000")
        BigDecimal dollarsPerHour,
    @Nullable @Schema(requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
        String validFrom,
    @Nullable @Schema(maxLength = 500) String note) {}
