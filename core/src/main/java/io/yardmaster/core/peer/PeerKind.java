package io.yardmaster.core.peer;

/** The kinds of peer Yardmaster talks to over HTTP. */
public enum PeerKind {
  LIVY("Livy"),
  RESOURCE_MANAGER("ResourceManager"),
  NODE_MANAGER("NodeManager"),
  GRAPHITE("Graphite");

  private final String label;

  PeerKind(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
