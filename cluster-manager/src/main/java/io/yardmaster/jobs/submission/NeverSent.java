package io.yardmaster.jobs.submission;

import jakarta.inject.Singleton;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The QUEUED jobs this process can prove were never sent to Livy: the ones it inserted itself, and
 * the ones whose earlier submission it saw fail before anything was created or found nowhere in
 * Livy and YARN. Any other QUEUED job (the first claim after a restart, a job another replica
 * inserted) may be the survivor of a database that lost its latest commits while its Spark app
 * runs, so the submitter looks its tag up before sending it. Bounded: the oldest proofs are
 * forgotten first, which costs only a lookup.
 */
@Singleton
public final class NeverSent {
  static final int CAPACITY = 100_000;

  private final Set<String> proven =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<String, Boolean>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > CAPACITY;
                }
              }));

  /** This process stored the job, or saw that nothing of it reached Livy or YARN. */
  public void prove(String jobId) {
    proven.add(jobId);
  }

  public boolean proven(String jobId) {
    return proven.contains(jobId);
  }

  /**
   * Forgets every proof: this process has just taken the submitter's lease, and whoever held it
   * before may have sent any of these jobs (ADR 0013).
   */
  public void forgetAll() {
    proven.clear();
  }

  /** The job was claimed for sending: from now on only its outcome tells. */
  public void claimed(String jobId) {
    proven.remove(jobId);
  }
}
