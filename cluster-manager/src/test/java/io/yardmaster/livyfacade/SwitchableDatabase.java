package io.yardmaster.livyfacade;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.core.annotation.Order;
import io.micronaut.core.order.Ordered;
import jakarta.inject.Singleton;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * With {@value #PROPERTY}: the application's DataSource, wrapped before anything else sees it, so
 * that a test can take the database away (every new connection fails as a pool does when it cannot
 * reach the server) and count the statements the application prepares.
 */
@Singleton
@Requires(property = SwitchableDatabase.PROPERTY, value = "true")
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SwitchableDatabase implements BeanCreatedEventListener<DataSource> {
  public static final String PROPERTY = "yardmaster.test.switchable-database";
  private static final Set<String> STATEMENTS =
      Set.of("prepareStatement", "createStatement", "prepareCall");

  private final AtomicBoolean down = new AtomicBoolean();
  private final List<String> statements = new CopyOnWriteArrayList<>();

  @Override
  public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
    return wrap(DataSource.class, event.getBean(), this::onDataSource);
  }

  /** Takes the database away (true) or gives it back (false). */
  public void down(boolean away) {
    down.set(away);
  }

  /** How many statements were prepared so far: a mark for {@link #requestStatementsSince}. */
  public int mark() {
    return statements.size();
  }

  /**
   * The statements prepared since {@code mark} outside the scheduler's threads (that is, for
   * requests), each as its SQL.
   */
  public List<String> requestStatementsSince(int mark) {
    return statements.subList(mark, statements.size()).stream()
        .filter(statement -> !statement.startsWith("scheduled"))
        .map(statement -> statement.substring(statement.indexOf(": ") + 2))
        .toList();
  }

  private void onDataSource(Method method, Object[] args) throws SQLTransientConnectionException {
    if (method.getName().equals("getConnection") && down.get()) {
      throw new SQLTransientConnectionException(
          "the test took the database away: connection is not available, request timed out");
    }
  }

  private Object connection(Object connection) {
    return wrap(
        Connection.class,
        (Connection) connection,
        (method, args) -> {
          if (STATEMENTS.contains(method.getName())) {
            String sql =
                args != null && args.length > 0 ? String.valueOf(args[0]) : "(a statement)";
            statements.add(Thread.currentThread().getName() + ": " + sql);
          }
        });
  }

  @FunctionalInterface
  private interface Before {
    void accept(Method method, Object[] args) throws Exception;
  }

  private <T> T wrap(Class<T> type, T target, Before before) {
    InvocationHandler handler =
        (proxy, method, args) -> {
          before.accept(method, args);
          try {
            Object result = method.invoke(target, args);
            return type == DataSource.class && method.getName().equals("getConnection")
                ? connection(result)
                : result;
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return type.cast(
        Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, handler));
  }
}
