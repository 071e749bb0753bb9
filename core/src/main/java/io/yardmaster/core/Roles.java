package io.yardmaster.core;

/**
 * The roles one Yardmaster binary can play, each switched by a boolean property (all on by
 * default). Beans of a role carry {@code @Requires(property = Roles.API, notEquals = "false")}.
 */
public final class Roles {
  /** The REST API: jobs, clusters, teams. */
  public static final String API = "yardmaster.roles.api";

  /** The node-pool autoscaler loop. */
  public static final String AUTOSCALER = "yardmaster.roles.autoscaler";

  /**
   * The cost role: collects every YARN app and every VM's lifetime, keeps the price book and
   * attributes the bill (module cost-dashboard).
   */
  public static final String COST = "yardmaster.roles.cost";

  private Roles() {}
}
