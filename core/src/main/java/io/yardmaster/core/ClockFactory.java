package io.yardmaster.core;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The one wall clock of the application; tests replace it with a clock they advance. */
@Factory
public final class ClockFactory {
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }
}
