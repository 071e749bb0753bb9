package io.yardmaster.simulator.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The discrete-event engine: a queue of timed actions run in time order (ties in scheduling order),
 * one seeded random source, and the current simulated instant. Deterministic for a seed.
 *
 * <p>Thread safety: the engine is the monitor of the whole model. Every public method of {@link
 * Fleet}, {@link SimulatedCluster} and {@link SimulatedScaleSet} synchronises on it and first
 * {@linkplain #catchUp() catches up} with a real-time clock, so HTTP threads and the ticker can
 * share one model.
 */
public final class Simulation {
  private final SimulationClock clock;
  private final PriorityQueue<Event> queue = new PriorityQueue<>();
  private final SplittableRandom random;
  private long now;
  private long sequence;
  private long processed;
  private boolean running;

  public Simulation(SimulationClock clock, long seed) {
    this.clock = requireNonNull(clock, "clock is null");
    this.random = new SplittableRandom(seed);
    this.now = clock.startMillis();
  }

  public SimulationClock clock() {
    return clock;
  }

  /** The current simulated instant in epoch milliseconds. */
  public synchronized long now() {
    return now;
  }

  /** Events run so far. */
  public synchronized long eventsProcessed() {
    return processed;
  }

  /** Events waiting. */
  public synchronized int pendingEvents() {
    return queue.size();
  }

  /** The time of the next waiting event, or {@link Long#MAX_VALUE}. */
  public synchronized long nextEventMillis() {
    Event head = queue.peek();
    return head == null ? Long.MAX_VALUE : head.time;
  }

  SplittableRandom random() {
    return random;
  }

  /** A java.util.Random drawn from the engine's seeded source (for Gaussian draws). */
  Random newRandom() {
    return new Random(random.nextLong());
  }

  /** Runs {@code action} at simulated time {@code atMillis} (not before now). */
  public synchronized Cancellable schedule(long atMillis, Runnable action) {
    Event event = new Event(Math.max(atMillis, now), sequence++, requireNonNull(action, "action"));
    queue.add(event);
    return event;
  }

  public synchronized Cancellable after(Duration delay, Runnable action) {
    return schedule(now + delay.toMillis(), action);
  }

  /** Runs {@code action} every {@code period}, the first time one period from now. */
  public synchronized void every(Duration period, Runnable action) {
    long step = period.toMillis();
    if (step <= 0) {
      throw new IllegalArgumentException("period must be positive, got " + period);
    }
    schedule(
        now + step,
        new Runnable() {
          @Override
          public void run() {
            action.run();
            schedule(now + step, this);
          }
        });
  }

  /** Runs every event due at or before {@code untilMillis}, then sets the clock to it. */
  public synchronized void runUntil(long untilMillis) {
    if (running) {
      return;
    }
    running = true;
    try {
      while (!queue.isEmpty() && queue.peek().time <= untilMillis) {
        Event event = queue.poll();
        if (event.cancelled) {
          continue;
        }
        now = event.time;
        processed++;
        event.action.run();
      }
      now = Math.max(now, untilMillis);
    } finally {
      running = false;
    }
  }

  /** Brings the engine up to a real-time clock's present; does nothing under a virtual clock. */
  public synchronized void catchUp() {
    long reachable = clock.reachableMillis();
    if (reachable > now) {
      runUntil(reachable);
    }
  }

  /** A scheduled action that can be called off. */
  public interface Cancellable {
    void cancel();
  }

  private static final class Event implements Comparable<Event>, Cancellable {
    private final long time;
    private final long order;
    private final Runnable action;
    private boolean cancelled;

    private Event(long time, long order, Runnable action) {
      this.time = time;
      this.order = order;
      this.action = action;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public int compareTo(Event other) {
      int byTime = Long.compare(time, other.time);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }
}
