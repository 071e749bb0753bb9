package io.yardmaster.autoscaler.yarn;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.autoscaler.AutoscalerConfig;
import io.yardmaster.autoscaler.http.JsonGet;
import io.yardmaster.autoscaler.http.PeerReadException;
import io.yardmaster.core.Roles;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The NodeManager's REST API: {@code GET http://<nodeHTTPAddress>/ws/v1/node/apps?state=RUNNING},
 * answered with {@code {"apps":{"app":[{"id":...,"state":"RUNNING",...}]}}}, or with {@code
 * {"apps":null}} or {@code {"apps":{}}} when the node hosts none.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class RestNodeManagerApps implements NodeManagerApps {
  static final String RUNNING_APPS = "/ws/v1/node/apps?state=RUNNING";

  private final JsonGet http;

  public RestNodeManagerApps(JsonMapper mapper, AutoscalerConfig config) {
    this.http = new JsonGet(mapper, config.peerTimeout());
  }

  @Override
  public List<String> runningApplications(YarnNode node) {
    return parse(node, http.get(uri(node)));
  }

  static URI uri(YarnNode node) {
    String address = node.httpAddress();
    if (address == null || address.isBlank()) {
      throw new PeerReadException("the RM reports no HTTP address for node " + node.id(), null);
    }
    String base = address.contains("://") ? address : "http://" + address;
    try {
      return URI.create(base.replaceAll("/+$", "") + RUNNING_APPS);
    } catch (IllegalArgumentException e) {
      throw new PeerReadException("node " + node.id() + ": bad HTTP address " + address, e);
    }
  }

  /** The ids of the RUNNING apps in a {@code /ws/v1/node/apps} answer. */
  static List<String> parse(YarnNode node, JsonNode body) {
    if (!body.isObject() || body.get("apps") == null) {
      throw new PeerReadException("no apps in the answer of node " + node.id() + "'s NM", null);
    }
    JsonNode apps = body.get("apps");
    List<String> running = new ArrayList<>();
    if (apps.isNull()) {
      return running;
    }
    if (!apps.isObject()) {
      throw new PeerReadException("apps is not an object in node " + node.id() + "'s answer", null);
    }
    JsonNode app = apps.get("app");
    if (app == null || app.isNull()) {
      return running;
    }
    if (!app.isArray() && !app.isObject()) {
      throw new PeerReadException("app is not a list in node " + node.id() + "'s answer", null);
    }
    for (JsonNode entry : app.isArray() ? app.values() : List.of(app)) {
      JsonNode id = entry.get("id");
      JsonNode state = entry.get("state");
      if (id == null || !id.isString()) {
        throw new PeerReadException("an app without id on node " + node.id(), null);
      }
      if (state == null || "RUNNING".equals(state.coerceStringValue())) {
        running.add(id.getStringValue());
      }
    }
    return running;
  }
}
