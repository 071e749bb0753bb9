package io.yardmaster.cost;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.yardmaster.core.ClockFactory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** With {@value #PROPERTY}: the application's clock stands still at that instant. */
@Factory
@Requires(property = FixedClockFactory.PROPERTY)
public final class FixedClockFactory {
  public static final String PROPERTY = "yardmaster.test.fixed-clock";

  @Singleton
  @Replaces(bean = Clock.class, factory = ClockFactory.class)
  Clock clock(@Value("${" + PROPERTY + "}") String now) {
    return Clock.fixed(Instant.parse(now), ZoneOffset.UTC);
  }
}
