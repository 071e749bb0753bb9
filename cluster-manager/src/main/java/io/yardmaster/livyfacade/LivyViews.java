package io.yardmaster.livyfacade;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import io.yardmaster.jobs.Job;
import io.yardmaster.web.errors.ApiError;
import io.yardmaster.web.errors.ApiErrorCode;
import java.util.List;

/** The answers of the Livy-compatible facade, in Livy's shapes (plus a few fields of ours). */
public final class LivyViews {
  private LivyViews() {}

  /** The Livy batch states a facade batch can be in. */
  static final String STATES =
      "not_started, starting, running, idle, busy, shutting_down, error, dead, killed, success";

  /** Caller input echoed in a message: control characters dropped, at most 64 characters. */
  static String printable(String text) {
    String clean =
        text.codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return clean.length() <= 64 ? clean : clean.substring(0, 61) + "...";
  }

  /** A batch, as Livy's {@code GET /batches/{id}} shows it. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "LivyBatch")
  public record Batch(
      @Schema(description = "the facade's batch id (not Livy's)") int id,
      @Nullable String name,
      @Schema(description = "the team") String owner,
      @Nullable String proxyUser,
      @Schema(
              description = "one of Livy's batch states",
              allowableValues = {
                "not_started",
                "starting",
                "running",
                "idle",
                "busy",
                "shutting_down",
                "error",
                "dead",
                "killed",
                "success"
              })
          String state,
      @Schema(description = "the YARN application id; null until it is known") @Nullable
          String appId,
      AppInfo appInfo,
      @Schema(
              description =
                  "the last 10 lines of the log, as Livy shows them; empty in the list and in the"
                      + " answer to POST (see /log)")
          List<String> log,
      @Schema(description = "the Yardmaster job behind the batch (GET /api/v1/jobs/{id})")
          String yardmasterJobId) {
    static Batch of(int id, Job job, List<String> log) {
      return new Batch(
          id,
          job.request().batch() == null ? null : job.request().batch().name(),
          job.team(),
          null,
          LivyStates.of(job),
          job.progress().appId(),
          new AppInfo(job.progress().driverLogUrl(), job.progress().sparkUiUrl()),
          log,
          job.id());
    }
  }

  /** Links to the app, as Livy's appInfo. */
  @Serdeable
  @JsonInclude(JsonInclude.Include.ALWAYS)
  @Schema(name = "LivyAppInfo")
  public record AppInfo(@Nullable String driverLogUrl, @Nullable String sparkUiUrl) {}

  /** {@code GET /batches/{id}/state}. */
  @Serdeable
  @Schema(name = "LivyBatchState")
  public record State(
      int id,
      @Schema(
              description = "one of Livy's batch states",
              allowableValues = {
                "not_started",
                "starting",
                "running",
                "idle",
                "busy",
                "shutting_down",
                "error",
                "dead",
                "killed",
                "success"
              })
          String state) {}

  /** {@code GET /batches}: Livy's list. */
  @Serdeable
  @Schema(name = "LivyBatchList")
  public record Page(int from, long total, List<Batch> sessions) {}

  /** {@code GET /batches/{id}/log}: always 200, an empty list past the end. */
  @Serdeable
  @Schema(name = "LivyBatchLog")
  public record Log(int id, int from, int total, List<String> log) {}

  /** Livy's answer to {@code DELETE /batches/{id}}. */
  @Serdeable
  @Schema(name = "LivyMessage")
  public record Message(String msg) {}

  /**
   * Every error of the facade: Livy's {@code msg} for Livy clients, and the {@link ApiError} fields
   * (ADR 0004) for everyone else.
   */
  @Serdeable
  @Schema(
      name = "LivyError",
      description = "msg as Livy writes it; code, message, details as ApiError")
  public record Error(
      String msg,
      @Schema(implementation = ApiErrorCode.class) ApiErrorCode code,
      String message,
      List<String> details) {
    static Error of(ApiError error) {
      String msg =
          error.details().isEmpty()
              ? error.message()
              : error.message() + " (" + String.join("; ", error.details()) + ")";
      return new Error(msg, error.code(), error.message(), error.details());
    }
  }
}
