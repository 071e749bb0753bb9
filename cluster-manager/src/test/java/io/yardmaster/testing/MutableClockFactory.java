package io.yardmaster.testing;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.yardmaster.core.ClockFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;

/** With {@value #PROPERTY}: the application's clock is one the test moves by hand. */
@Factory
@Requires(property = MutableClockFactory.PROPERTY, value = "true")
public final class MutableClockFactory {
  public static final String PROPERTY = "yardmaster.test.mutable-clock";

  @Singleton
  @Replaces(bean = Clock.class, factory = ClockFactory.class)
  MutableClock clock() {
    return new MutableClock(Instant.now());
  }
}
