package io.yardmaster.cost.price;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.yardmaster.core.registry.Priority;
import io.yardmaster.cost.collect.DirtyHours;
import io.yardmaster.cost.collect.VmStore;
import io.yardmaster.cost.testing.CostDatabases;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The versioned price book on H2 and PostgreSQL. */
class JdbcPriceBookIT {
  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant DEC_2 = Instant.parse("2026-12-02T00:00:00Z");

  static List<Map<String, Object>> databases() {
    return CostDatabases.all();
  }

  private static PriceRow row(String dollars, Instant from, Priority priority) {
    return new PriceRow(
        "Standard_E8s_v5",
        "westeurope",
        priority,
        from,
        PriceInput.micros(new BigDecimal(dollars)),
        DEC_2.plusSeconds(3600),
        "admin",
        "");
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aNewPriceAppliesFromItsDateAndMarksTheHoursItRepricesDirty(Map<String, Object> database) {
    try (ApplicationContext context = CostDatabases.start(database, Map.of())) {
      JdbcPriceBook book = context.getBean(JdbcPriceBook.class);
      VmStore vms = context.getBean(VmStore.class);
      DirtyHours dirty = context.getBean(DirtyHours.class);
      vms.insert(
          new VmStore.StoredVm(
              "p",
              "0",
              "alpha",
              "p_0",
              "Standard_E8s_v5",
              "westeurope",
              Priority.ON_DEMAND,
              8,
              57344,
              DEC_1.toEpochMilli(),
              DEC_2.toEpochMilli(),
              null));

      assertThat(book.add(row("0.504", DEC_1, Priority.ON_DEMAND))).isTrue();
      assertThat(book.add(row("0.1", DEC_1, Priority.SPOT))).isTrue();
      assertThat(book.add(row("0.9", DEC_1, Priority.ON_DEMAND)))
          .as("same date: refused")
          .isFalse();
      dirty.dirty(10_000).forEach(dirty::attributed);
      assertThat(dirty.dirty(10)).isEmpty();

      Instant noon = DEC_2.plusSeconds(12 * 3600);
      assertThat(book.add(row("0.6", noon, Priority.ON_DEMAND))).isTrue();

      assertThat(
              book.microsPerHour(
                  "Standard_E8s_v5", "westeurope", Priority.ON_DEMAND, noon.minusMillis(1)))
          .isEqualTo(OptionalLong.of(504_000));
      assertThat(book.microsPerHour("Standard_E8s_v5", "westeurope", Priority.ON_DEMAND, noon))
          .isEqualTo(OptionalLong.of(600_000));
      assertThat(book.microsPerHour("Standard_E8s_v5", "westeurope", Priority.SPOT, noon))
          .isEqualTo(OptionalLong.of(100_000));
      assertThat(
              book.microsPerHour(
                  "Standard_E8s_v5", "westeurope", Priority.ON_DEMAND, DEC_1.minusMillis(1)))
          .isEmpty();
      assertThat(book.microsPerHour("Standard_E8s_v5", "eastus", Priority.ON_DEMAND, noon))
          .isEmpty();
      assertThat(dirty.dirty(100))
          .as("the hours the new price reprices, from its date, none before")
          .isNotEmpty()
          .allSatisfy(hour -> assertThat(hour.hourStart()).isAfterOrEqualTo(noon));
      assertThat(book.rows()).hasSize(3);
    }
  }

  @org.junit.jupiter.api.Test
  void eachBadFieldIsNamed() {
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    null,
                    "westeurope",
                    "spot",
                    BigDecimal.ONE,
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("sku"));
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    "Standard_E8s_v5",
                    "West Europe",
                    "spot",
                    BigDecimal.ONE,
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("region"));
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    "Standard_E8s_v5",
                    "westeurope",
                    "reserved",
                    BigDecimal.ONE,
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("priority"));
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    "Standard_E8s_v5",
                    "westeurope",
                    "spot",
                    new BigDecimal("0.0000001"),
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("dollarsPerHour"));
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    "Standard_E8s_v5",
                    "westeurope",
                    "spot",
                    new BigDecimal("-1"),
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("dollarsPerHour"));
    assertThatThrownBy(
            () ->
                PriceInput.row(
                    "Standard_E8s_v5",
                    "westeurope",
                    "spot",
                    BigDecimal.ONE,
                    "yesterday",
                    null,
                    DEC_1,
                    "a"))
        .isInstanceOfSatisfying(
            PriceInput.Invalid.class, e -> assertThat(e.field()).isEqualTo("validFrom"));
    assertThat(
            PriceInput.row(
                    "Standard_E8s_v5",
                    "westeurope",
                    "on-demand",
                    new BigDecimal("0.504000"),
                    "2026-12-01T00:00:00Z",
                    null,
                    DEC_1,
                    "a")
                .microsPerHour())
        .isEqualTo(504_000);
  }
}
