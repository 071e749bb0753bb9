package io.yardmaster.peers.spark;

import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * A job that fails on purpose: one task throws, the driver ends with an exception (exit code 1).
 */
public final class FailingJob {
  public static final String MESSAGE = "yardmaster failing job: failing on purpose";

  private FailingJob() {}

  public static void main(String[] args) {
    try (JavaSparkContext context = new JavaSparkContext(new SparkConf())) {
      context
          .parallelize(List.of(1, 2), 1)
          .foreach(
              value -> {
                throw new IllegalStateException(MESSAGE);
              });
    }
  }
}
