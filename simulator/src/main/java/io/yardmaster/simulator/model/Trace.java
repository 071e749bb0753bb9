package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A workload trace: jobs in submission order, read from the CSV format of {@code traces/}. */
public record Trace(String source, List<TraceJob> jobs) {
  static final String HEADER =
      "job_id,submit_s,team,dag_id,task_id,executors,executor_cores,executor_memory_mb,"
          + "driver_cores,driver_memory_mb,duration_s";

  public Trace {
    requireNonNull(source, "source is null");
    jobs = jobs.stream().sorted(Comparator.comparingLong(TraceJob::submitSeconds)).toList();
  }

  public static Trace read(Path path) {
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      return parse(reader, path.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + path, e);
    }
  }

  /**
   * Parses the CSV (header first, columns by name so their order may differ).
   *
   * @throws IllegalArgumentException naming the source and line of a bad row
   */
  public static Trace parse(Reader reader, String source) {
    BufferedReader lines = new BufferedReader(reader);
    try {
      String header = lines.readLine();
      if (header == null) {
        throw new IllegalArgumentException(source + ": empty trace, expected header " + HEADER);
      }
      List<String> columns = List.of(header.strip().split(","));
      int[] index = new int[11];
      String[] expected = HEADER.split(",");
      for (int i = 0; i < expected.length; i++) {
        index[i] = columns.indexOf(expected[i]);
        if (index[i] < 0) {
          throw new IllegalArgumentException(source + ": missing column " + expected[i]);
        }
      }
      List<TraceJob> jobs = new ArrayList<>();
      int lineNumber = 1;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        jobs.add(row(line.strip().split(",", -1), index, source + ":" + lineNumber));
      }
      return new Trace(source, jobs);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read trace " + source, e);
    }
  }

  private static TraceJob row(String[] cells, int[] index, String where) {
    try {
      return new TraceJob(
          cells[index[0]],
          Long.parseLong(cells[index[1]]),
          cells[index[2]],
          cells[index[3]],
          cells[index[4]],
          Integer.parseInt(cells[index[5]]),
          Integer.parseInt(cells[index[6]]),
          Integer.parseInt(cells[index[7]]),
          Integer.parseInt(cells[index[8]]),
          Integer.parseInt(cells[index[9]]),
          Long.parseLong(cells[index[10]]));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ": bad row: " + e.getMessage(), e);
    }
  }

  /**
   * {@code copies} copies of the trace interleaved into one, a day as many times as busy: copy 0 is
   * the trace itself; copy k's jobs have {@code -k} appended to their ids and are submitted k
   * seconds later, so that the copies' jobs alternate rather than arrive at the same instant.
   */
  public Trace interleaved(int copies) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be >= 1, got " + copies);
    }
    List<TraceJob> all = new ArrayList<>(jobs);
    for (int copy = 1; copy < copies; copy++) {
      for (TraceJob job : jobs) {
        all.add(
            new TraceJob(
                job.jobId() + "-" + copy,
                job.submitSeconds() + copy,
                job.team(),
                job.dagId(),
                job.taskId(),
                job.executors(),
                job.executorCores(),
                job.executorMemoryMb(),
                job.driverCores(),
                job.driverMemoryMb(),
                job.durationSeconds()));
      }
    }
    return new Trace(copies == 1 ? source : source + " x" + copies, all);
  }

  /** The first {@code count} jobs. */
  public Trace first(int count) {
    return new Trace(source, jobs.subList(0, Math.min(count, jobs.size())));
  }
}
