package io.yardmaster.peers.spark;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Estimates Pi by sampling, like SparkPi. Arguments: {@code [slices] [holdSeconds]}; the driver
 * keeps running {@code holdSeconds} after the result so a test can watch (or kill) a running batch.
 */
public final class PiJob {
  private PiJob() {}

  public static void main(String[] args) throws InterruptedException {
    int slices = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long holdSeconds = args.length > 1 ? Long.parseLong(args[1]) : 0;
    try (JavaSparkContext context = new JavaSparkContext(new SparkConf())) {
      int samples = 10_000 * slices;
      List<Integer> seeds = IntStream.range(0, samples).boxed().collect(Collectors.toList());
      long inside =
          context
              .parallelize(seeds, slices)
              .filter(
                  seed -> {
                    double x = Math.random() * 2 - 1;
                    double y = Math.random() * 2 - 1;
                    return x * x + y * y <= 1;
                  })
              .count();
      System.out.println("Pi is roughly " + 4.0 * inside / samples);
      Thread.sleep(holdSeconds * 1000);
    }
  }
}
