package io.yardmaster.autoscaler.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class QuartzSchemaTest {
  @Test
  void theJarsPostgresScriptCreatesTablesAndDropsNothing() {
    List<String> statements = QuartzSchema.statements();

    assertThat(statements).isNotEmpty();
    assertThat(statements)
        .noneMatch(sql -> sql.toUpperCase(Locale.ROOT).startsWith("DROP"))
        .noneMatch(sql -> sql.toUpperCase(Locale.ROOT).equals("COMMIT"))
        .anyMatch(sql -> sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE QRTZ_LOCKS"))
        .anyMatch(sql -> sql.toUpperCase(Locale.ROOT).startsWith("CREATE TABLE QRTZ_TRIGGERS"));
  }
}
