package io.yardmaster.app.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The versioned migrations on the class path, one per file of every module's db/migration. */
public final class Migrations {
  private Migrations() {}

  /** One migration file: its version as Flyway reads it ("4.1"), its name and where it is. */
  public record Migration(String version, String file, URL folder) {
    /** Copies the file into {@code directory}. */
    public void copyTo(Path directory) throws IOException {
      try (InputStream in = URI.create(folder + "/" + file).toURL().openStream()) {
        Files.copy(in, directory.resolve(file));
      }
    }
  }

  public static List<Migration> onClassPath() throws IOException, URISyntaxException {
    List<Migration> migrations = new ArrayList<>();
    ClassLoader loader = Migrations.class.getClassLoader();
    for (URL folder : Collections.list(loader.getResources("db/migration"))) {
      for (String file : files(folder)) {
        if (file.matches("V[0-9_]+__.+\\.sql")) {
          String version = file.substring(1, file.indexOf("__")).replace('_', '.');
          migrations.add(new Migration(version, file, folder));
        }
      }
    }
    return migrations;
  }

  private static List<String> files(URL folder) throws IOException, URISyntaxException {
    if ("jar".equals(folder.getProtocol())) {
      try (FileSystem jar = FileSystems.newFileSystem(folder.toURI(), Map.of());
          Stream<Path> listed = Files.list(jar.getPath("db/migration"))) {
        return listed.map(path -> path.getFileName().toString()).toList();
      }
    }
    try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
      return listed.map(path -> path.getFileName().toString()).toList();
    }
  }
}
