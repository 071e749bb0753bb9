package io.yardmaster.app.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void takesEveryPermissionFromGroupAndOthers() throws IOException {
    Path data = tmp.resolve("data");
    Path nested = Files.createDirectories(data.resolve("backups"));
    Path db = Files.writeString(data.resolve("yardmaster.mv.db"), "jobs");
    Path token = Files.writeString(nested.resolve("admin-token"), "secret");
    for (Path path : new Path[] {data, nested}) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    for (Path path : new Path[] {db, token}) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    }

    new DataDirectory(data.toString()).restrict();

    assertThat(permissions(data)).isEqualTo("rwx------");
    assertThat(permissions(nested)).isEqualTo("rwx------");
    assertThat(permissions(db)).isEqualTo("rw-------");
    assertThat(permissions(token)).isEqualTo("rw-------");
  }

  @Test
  void createsAMissingFolderAlreadyRestricted() throws IOException {
    Path data = tmp.resolve("fresh/data");

    new DataDirectory(data.toString()).restrict();

    assertThat(permissions(data)).isEqualTo("rwx------");
  }

  private static String permissions(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
