package io.yardmaster.livyfacade;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.yardmaster.web.auth.Caller;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The facade's operations in Livy's shapes, for both doors: {@code /livy/batches} ({@code cluster}
 * null: routed as for the native API) and {@code /livy/{cluster}/batches} (one cluster, as a team
 * that had one Livy per cluster configured them). Ids are the team's either way: a batch has the
 * same id under both paths.
 */
@Singleton
final class LivyBatches {
  private final LivyFacadeService service;

  LivyBatches(LivyFacadeService service) {
    this.service = service;
  }

  HttpResponse<LivyViews.Batch> submit(
      Caller caller,
      @Nullable String cluster,
      @Nullable String idempotencyKey,
      LivyBatchRequest request) {
    LivyFacadeService.Submitted submitted =
        service.submit(caller, cluster, idempotencyKey, request);
    LivyViews.Batch batch = LivyViews.Batch.of(submitted.id(), submitted.job(), List.of());
    return submitted.created() ? HttpResponse.created(batch) : HttpResponse.ok(batch);
  }

  LivyViews.Page list(
      Caller caller, @Nullable String cluster, @Nullable String from, @Nullable String size) {
    int start = LivyParams.from(from, 0);
    int count = LivyParams.size(size);
    LivyFacadeService.Page page = service.list(caller, cluster, start, count);
    List<LivyViews.Batch> sessions =
        page.batches().stream()
            .map(entry -> LivyViews.Batch.of(entry.getKey(), entry.getValue(), List.of()))
            .toList();
    return new LivyViews.Page(start, page.total(), sessions);
  }

  LivyViews.Batch get(Caller caller, @Nullable String cluster, String id) {
    int batch = LivyParams.id(id);
    LivyFacadeService.Shown shown = service.show(caller, cluster, batch);
    return LivyViews.Batch.of(batch, shown.job(), shown.tail());
  }

  LivyViews.State state(Caller caller, @Nullable String cluster, String id) {
    int batch = LivyParams.id(id);
    return new LivyViews.State(batch, LivyStates.of(service.job(caller, cluster, batch)));
  }

  /** As Livy: without {@code from}, the last {@code size} lines; past the end, none. */
  LivyViews.Log log(
      Caller caller,
      @Nullable String cluster,
      String id,
      @Nullable String from,
      @Nullable String size) {
    int batch = LivyParams.id(id);
    int count = LivyParams.size(size);
    int requested = LivyParams.from(from, -1);
    List<String> lines = service.log(caller, cluster, batch);
    int start = requested < 0 ? Math.max(0, lines.size() - count) : requested;
    List<String> page =
        start >= lines.size()
            ? List.of()
            : lines.subList(start, (int) Math.min(lines.size(), (long) start + count));
    return new LivyViews.Log(batch, start, lines.size(), page);
  }

  HttpResponse<LivyViews.Message> delete(Caller caller, @Nullable String cluster, String id) {
    service.kill(caller, cluster, LivyParams.id(id));
    return HttpResponse.<LivyViews.Message>status(HttpStatus.OK)
        .body(new LivyViews.Message("deleted"));
  }
}
