package io.yardmaster.autoscaler.yarn;

import static java.util.Objects.requireNonNull;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.json.tree.JsonNode;
import io.yardmaster.core.Roles;
import io.yardmaster.core.peer.Peer;
import io.yardmaster.core.peer.PeerAnswer;
import io.yardmaster.core.peer.PeerClient;
import io.yardmaster.core.peer.PeerException;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The NodeManager's REST API: {@code GET http://<nodeHTTPAddress>/ws/v1/node/apps?state=RUNNING},
 * answered with {@code {"apps":{"app":[{"id":...,"state":"RUNNING",...}]}}}, or with {@code
 * {"apps":null}} or {@code {"apps":{}}} when the node hosts none, and with one application as an
 * object rather than a list by some Hadoop versions (hence read as a tree, not a record).
 *
 * <p>The request names no cluster ({@link Peer#nodeManager} with none): {@link NodeManagerApps} is
 * given a node only, so per-cluster NodeManager credentials need the cluster passed down first.
 */
@Singleton
@Requires(property = Roles.AUTOSCALER, notEquals = "false")
public final class RestNodeManagerApps implements NodeManagerApps {
  static final String RUNNING_APPS = "ws/v1/node/apps?state=RUNNING";
  private static final Peer NODE_MANAGER = Peer.nodeManager(null);
  private static final Argument<JsonNode> TREE = Argument.of(JsonNode.class);

  private final PeerClient http;

  public RestNodeManagerApps(PeerClient http) {
    this.http = requireNonNull(http, "http is null");
  }

  @Override
  public List<String> runningApplications(YarnNode node) {
    PeerAnswer answer = http.get(NODE_MANAGER, uri(node));
    return parse(node, answer.uri(), http.read(answer, TREE));
  }

  static URI uri(YarnNode node) {
    String address = node.httpAddress();
    if (address == null || address.isBlank()) {
      throw unreadable("the RM reports no HTTP address for node " + node.id());
    }
    String base = address.contains("://") ? address : "http://" + address;
    try {
      return PeerClient.join(URI.create(base), RUNNING_APPS);
    } catch (IllegalArgumentException e) {
      throw unreadable("node " + node.id() + ": bad HTTP address " + address);
    }
  }

  /** The ids of the RUNNING apps in a {@code /ws/v1/node/apps} answer. */
  static List<String> parse(YarnNode node, URI uri, JsonNode body) {
    if (!body.isObject() || body.get("apps") == null) {
      throw unreadable(uri, "no apps in the answer of node " + node.id() + "'s NM");
    }
    JsonNode apps = body.get("apps");
    List<String> running = new ArrayList<>();
    if (apps.isNull()) {
      return running;
    }
    if (!apps.isObject()) {
      throw unreadable(uri, "apps is not an object in node " + node.id() + "'s answer");
    }
    JsonNode app = apps.get("app");
    if (app == null || app.isNull()) {
      return running;
    }
    if (!app.isArray() && !app.isObject()) {
      throw unreadable(uri, "app is not a list in node " + node.id() + "'s answer");
    }
    for (JsonNode entry : app.isArray() ? app.values() : List.of(app)) {
      JsonNode id = entry.get("id");
      JsonNode state = entry.get("state");
      if (id == null || !id.isString()) {
        throw unreadable(uri, "an app without id on node " + node.id());
      }
      if (state == null || "RUNNING".equals(state.coerceStringValue())) {
        running.add(id.getStringValue());
      }
    }
    return running;
  }

  /** No usable address: nothing could be sent. */
  private static PeerException unreadable(String reason) {
    return new PeerException.NotSent(
        NODE_MANAGER, "GET", URI.create("/" + RUNNING_APPS), reason, null);
  }

  private static PeerException unreadable(URI uri, String reason) {
    return new PeerException.Transient(NODE_MANAGER, "GET", uri, 200, reason, null);
  }
}
