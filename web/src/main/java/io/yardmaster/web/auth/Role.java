package io.yardmaster.web.auth;

/** What a token may do. */
public enum Role {
  /** Submits, reads and kills the jobs of its own team. */
  TEAM,
  /** Sees every job, drains clusters, manages teams, tokens and quotas. */
  ADMIN
}
