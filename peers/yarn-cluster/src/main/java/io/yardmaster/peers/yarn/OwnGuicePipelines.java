package io.yardmaster.peers.yarn;

import com.google.inject.servlet.GuiceFilter;
import java.lang.reflect.Field;
import org.apache.hadoop.yarn.webapp.WebApp;
import org.eclipse.jetty.servlet.FilterHolder;

/**
 * Lets several YARN web apps (a ResourceManager's, NodeManagers') serve side by side in one JVM.
 * Each web app's Jetty context runs a {@link GuiceFilter} made by class name, which dispatches
 * through Guice's static pipeline: the pipeline of the web app whose Guice injector was created
 * last, so every other web app answers with that one's routes, and stopping any web app (a
 * decommissioned NodeManager shuts down) resets it, taking every route away. {@link WebApp} also
 * holds a GuiceFilter its own injector made, bound to its own pipeline; {@link #pin} makes Jetty
 * dispatch through that one.
 */
final class OwnGuicePipelines {
  private OwnGuicePipelines() {}

  /** Routes the started web app's requests through its own Guice pipeline. */
  static void pin(WebApp webApp) throws ReflectiveOperationException {
    Field own = WebApp.class.getDeclaredField("guiceFilter");
    own.setAccessible(true);
    GuiceFilter filter = (GuiceFilter) own.get(webApp);
    FilterHolder holder =
        webApp.httpServer().getWebAppContext().getServletHandler().getFilter("guice");
    if (filter == null || holder == null) {
      throw new IllegalStateException("web app " + webApp.name() + " has no guice filter");
    }
    // Jetty refuses setFilter on a started context; the holder dispatches to this field.
    Field instance = FilterHolder.class.getDeclaredField("_filter");
    instance.setAccessible(true);
    instance.set(holder, filter);
  }
}
