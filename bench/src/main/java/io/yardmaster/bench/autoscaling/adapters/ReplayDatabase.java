package io.yardmaster.bench.autoscaling.adapters;

import io.yardmaster.autoscaler.store.AutoscalerStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * The autoscaler's store on a fresh in-memory H2 database (PostgreSQL mode, as the embedded default
 * runs it), with every migration the autoscaler ships applied in version order: the loop in the
 * replay keeps its pool state, decisions, shrinks and operations where production does.
 */
public final class ReplayDatabase implements DataSource {
  private static final Pattern MIGRATION =
      Pattern.compile("V(\\d+)(?:_(\\d+))?__autoscaler.*\\.sql");

  private final String url;

  private ReplayDatabase() {
    this.url =
        "jdbc:h2:mem:replay-"
            + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
  }

  /** A store on a new database. */
  public static AutoscalerStore freshStore() {
    ReplayDatabase database = new ReplayDatabase();
    for (String script : migrations()) {
      database.apply(script);
    }
    return new AutoscalerStore(database, null);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return DriverManager.getConnection(url, "sa", "");
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return DriverManager.getConnection(url, username, password);
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    throw new SQLException("not a wrapper");
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return false;
  }

  private void apply(String resource) {
    String script;
    try (InputStream in = ReplayDatabase.class.getClassLoader().getResourceAsStream(resource)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.trim().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    try (Connection connection = getConnection();
        Statement statement = connection.createStatement()) {
      for (String part : sql.toString().split(";")) {
        if (!part.isBlank()) {
          statement.execute(part);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("migration " + resource + " failed: " + e.getMessage(), e);
    }
  }

  /** The autoscaler's migrations, from the jar (or classes folder) of its store, by version. */
  private static List<String> migrations() {
    Path location;
    try {
      location =
          Path.of(
              AutoscalerStore.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the autoscaler's classes", e);
    }
    List<String> names = new ArrayList<>();
    try {
      if (Files.isDirectory(location)) {
        names.addAll(list(location.resolve("db/migration")));
      } else {
        try (FileSystem jar = FileSystems.newFileSystem(location, Map.of())) {
          names.addAll(list(jar.getPath("db/migration")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the autoscaler's migrations in " + location, e);
    }
    if (names.isEmpty()) {
      throw new IllegalStateException("no autoscaler migrations in " + location);
    }
    names.sort(Comparator.comparingLong(ReplayDatabase::version));
    return names.stream().map(name -> "db/migration/" + name).toList();
  }

  private static List<String> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> MIGRATION.matcher(name).matches())
          .toList();
    }
  }

  private static long version(String name) {
    Matcher matcher = MIGRATION.matcher(name);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(name);
    }
    long minor = matcher.group(2) == null ? 0 : Long.parseLong(matcher.group(2));
    return Long.parseLong(matcher.group(1)) * 1000 + minor;
  }
}
