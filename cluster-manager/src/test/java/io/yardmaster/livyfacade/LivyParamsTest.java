package io.yardmaster.livyfacade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.yardmaster.web.errors.ApiErrorCode;
import io.yardmaster.web.errors.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LivyParamsTest {
  @Test
  void pagesTakeAsciiDigitsWithinAnIntAndALargeSizeIsCut() {
    assertThat(LivyParams.from(null, -1)).isEqualTo(-1);
    assertThat(LivyParams.from("0", -1)).isZero();
    assertThat(LivyParams.from(String.valueOf(Integer.MAX_VALUE), 0)).isEqualTo(Integer.MAX_VALUE);
    assertThat(LivyParams.size(null)).isEqualTo(LivyParams.DEFAULT_SIZE);
    assertThat(LivyParams.size("0")).isZero();
    assertThat(LivyParams.size("1000000")).isEqualTo(LivyParams.MAX_SIZE);
    for (String bad : List.of("-1", "+1", "1.0", "2147483648", "٣", "１", "1 2", "0x10")) {
      assertThatThrownBy(() -> LivyParams.from(bad, 0))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.error().code()).isEqualTo(ApiErrorCode.INVALID_PARAMETER);
                assertThat(e.error().details()).containsExactly("from");
              });
      assertThatThrownBy(() -> LivyParams.size(bad)).as(bad).isInstanceOf(ApiException.class);
    }
  }

  @Test
  void anIdOfDigitsBeyondAnIntNamesNoBatchAndAnythingElseIsRefused() {
    assertThat(LivyParams.id("42")).isEqualTo(42);
    assertThatThrownBy(() -> LivyParams.id("99999999999999999999"))
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.error().code()).isEqualTo(ApiErrorCode.JOB_NOT_FOUND));
    for (String bad : List.of("", "-1", "abc", "٣", "1e3")) {
      assertThatThrownBy(() -> LivyParams.id(bad))
          .as(bad)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.error().code()).isEqualTo(ApiErrorCode.INVALID_PARAMETER));
    }
  }

  @Test
  void echoedInputLosesControlCharactersAndIsShort() {
    assertThat(LivyViews.printable("a\u0000b\nc")).isEqualTo("abc");
    assertThat(LivyViews.printable("é".repeat(100))).hasSize(64).endsWith("...");
  }
}
