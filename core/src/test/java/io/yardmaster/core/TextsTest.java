package io.yardmaster.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextsTest {
  @Test
  void leavesAShortTextAlone() {
    assertThat(Texts.bounded("queue full", 10)).isEqualTo("queue full");
    assertThat(Texts.bounded(null, 10)).isNull();
  }

  @Test
  void cutsALongTextToItsBoundWithAnEllipsis() {
    String cut = Texts.bounded("x".repeat(5000), 1000);

    assertThat(cut).hasSize(1000).endsWith("…").startsWith("xxx");
  }

  @Test
  void neverSplitsASurrogatePair() {
    // 🚀 is two chars; a cut at 4 would leave its high surrogate alone before the ellipsis.
    String cut = Texts.bounded("ab🚀🚀🚀", 4);

    assertThat(cut).isEqualTo("ab…");
    assertThat(cut.chars().noneMatch(c -> Character.isSurrogate((char) c))).isTrue();
  }
}
