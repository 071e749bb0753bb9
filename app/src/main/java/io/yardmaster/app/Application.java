package io.yardmaster.app;

import io.micronaut.runtime.Micronaut;

/**
 * Starts Yardmaster with the roles its configuration switches on (all of them by default): the
 * features are the modules on the class path (jobs, autoscaler, the simulator for the embedded
 * default), each with its beans, its migrations and its part of the OpenAPI document.
 */
public final class Application {
  private Application() {}

  public static void main(String[] args) {
    Micronaut.build(args).mainClass(Application.class).banner(false).start();
  }
}
