package io.yardmaster.simulator.livy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.yardmaster.simulator.FaultInjector;
import io.yardmaster.simulator.PeerFaults;
import io.yardmaster.simulator.SimulatorConfig;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Livy's batch REST API ({@code /batches}) for a simulated cluster, at {@code /sim/{cluster}/livy}:
 * the codes and bodies of Livy 0.7.
 */
@Controller("/sim/{cluster}/livy/batches")
@Requires(property = SimulatorConfig.ENABLED, value = "true")
public final class LivyBatchController {
  private final LivyServers servers;
  private final PeerFaults faults;

  public LivyBatchController(LivyServers servers, PeerFaults faults) {
    this.servers = servers;
    this.faults = faults;
  }

  @Post(consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> create(String cluster, @Nullable @Body String body) {
    return serve(
        cluster,
        "POST /batches",
        server -> {
          byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
          LivyViews.Batch batch = server.create(LivyRequestParser.parse(bytes), null);
          return HttpResponse.created(batch).header("Location", "/" + batch.id());
        });
  }

  @Get(produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> list(
      String cluster, @Nullable @QueryValue String from, @Nullable @QueryValue String size) {
    return serve(
        cluster,
        "GET /batches",
        server ->
            HttpResponse.ok(
                server.list(
                    from == null ? 0 : Integer.parseInt(from),
                    size == null ? 100 : Integer.parseInt(size))));
  }

  @Get(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> get(String cluster, String id) {
    return serve(
        cluster,
        "GET /batches/{id}",
        server -> withId(id, number -> found(id, server.get(number))));
  }

  @Get(uri = "/{id}/state", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> state(String cluster, String id) {
    return serve(
        cluster,
        "GET /batches/{id}/state",
        server -> withId(id, number -> found(id, server.state(number))));
  }

  @Get(uri = "/{id}/log", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> log(
      String cluster,
      String id,
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String size) {
    return serve(
        cluster,
        "GET /batches/{id}/log",
        server ->
            withId(
                id,
                number ->
                    found(
                        id,
                        server.log(
                            number,
                            from == null ? null : Integer.valueOf(from),
                            size == null ? null : Integer.valueOf(size)))));
  }

  @Delete(uri = "/{id}", produces = MediaType.APPLICATION_JSON)
  public HttpResponse<?> delete(String cluster, String id) {
    return serve(
        cluster,
        "DELETE /batches/{id}",
        server ->
            withId(
                id,
                number ->
                    server.delete(number)
                        ? HttpResponse.ok(new LivyViews.Message("deleted"))
                        : notFound(id)));
  }

  /**
   * Serves one call of {@code operation} (named as in {@code /sim/traffic}), unless an armed fault
   * strikes it: before serving, or after (the work done, the answer lost).
   */
  private HttpResponse<?> serve(
      String cluster, String operation, Function<LivyServer, HttpResponse<?>> action) {
    Optional<LivyServer> server = servers.server(cluster);
    if (server.isEmpty()) {
      return HttpResponse.notFound(
          new LivyViews.Message("No simulated cluster '" + cluster + "'."));
    }
    Optional<FaultInjector.Fault> fault = faults.of(cluster, PeerFaults.LIVY).next(operation);
    if (fault.isPresent() && !fault.get().afterServing()) {
      return failed(fault.get());
    }
    HttpResponse<?> served = served(server.get(), action);
    return fault.<HttpResponse<?>>map(LivyBatchController::failed).orElse(served);
  }

  private static HttpResponse<?> failed(FaultInjector.Fault fault) {
    return HttpResponse.status(HttpStatus.valueOf(fault.status()))
        .body(new LivyViews.Message(fault.text()));
  }

  private static HttpResponse<?> served(
      LivyServer server, Function<LivyServer, HttpResponse<?>> action) {
    try {
      return action.apply(server);
    } catch (LivyBadRequestException e) {
      if (e.bareString()) {
        return HttpResponse.badRequest(jsonString(e.getMessage()))
            .contentType(MediaType.APPLICATION_JSON_TYPE);
      }
      return HttpResponse.badRequest(new LivyViews.Message(e.getMessage()));
    } catch (IllegalArgumentException e) {
      // Livy answers NumberFormatException (an IllegalArgumentException, e.g. from=abc) so too
      return HttpResponse.badRequest(new LivyViews.Message(e.getMessage()));
    }
  }

  /** A JSON string literal, as raw bytes so that no serializer re-encodes it. */
  private static byte[] jsonString(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    quoted.append(JsonStringEncoder.getInstance().quoteAsString(text));
    return quoted.append('"').toString().getBytes(StandardCharsets.UTF_8);
  }

  /** Livy 0.7.1 answers an id that is no number like an unknown one: 404. */
  private static HttpResponse<?> withId(String id, IntFunction<HttpResponse<?>> action) {
    int number;
    try {
      number = Integer.parseInt(id);
    } catch (NumberFormatException e) {
      return notFound(id);
    }
    return action.apply(number);
  }

  private static HttpResponse<?> found(String id, Optional<?> body) {
    return body.<HttpResponse<?>>map(HttpResponse::ok).orElseGet(() -> notFound(id));
  }

  private static HttpResponse<?> notFound(String id) {
    return HttpResponse.notFound(new LivyViews.Message("Session '" + id + "' not found."));
  }
}
