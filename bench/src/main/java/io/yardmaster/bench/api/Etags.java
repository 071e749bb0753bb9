package io.yardmaster.bench.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The current ETag of every job, read once (4 clients) before the conditional read runs. */
final class Etags {
  private static final int CLIENTS = 4;

  private Etags() {}

  static List<String> of(String host, int port, String token, List<String> ids) throws Exception {
    String[] etags = new String[ids.size()];
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> parts = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int first = c;
        parts.add(
            pool.submit(
                () -> {
                  try (HttpConnection connection = new HttpConnection(host, port)) {
                    for (int i = first; i < ids.size(); i += CLIENTS) {
                      HttpConnection.Response job =
                          YardmasterCalls.expect(
                              connection.get(
                                  "/api/v1/jobs/" + ids.get(i),
                                  Map.of("Authorization", "Bearer " + token)),
                              200);
                      etags[i] = job.header("ETag");
                      if (etags[i] == null) {
                        throw new IllegalStateException("no ETag for job " + ids.get(i));
                      }
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> part : parts) {
        part.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return Arrays.asList(etags);
  }
}
