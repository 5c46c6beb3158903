package io.tollgate.sqlite;

import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.TokenName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Permissions of the data directory and its files, and the single-owner lock. */
class DataDirectoryTest {

  private static final Set<PosixFilePermission> RWX_OWNER =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> RW_OWNER =
      PosixFilePermissions.fromString("rw-------");

  @TempDir Path tempDir;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(DataDirectory.class);

  @BeforeEach
  void captureLog() {
    logged.start();
    logger.addAppender(logged);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(logged);
  }

  @Test
  void open_createsTheDirectoryOwnerOnlyAndEveryFileReadableByTheOwnerOnly() throws IOException {
    Path dataDir = tempDir.resolve("nested").resolve("data");

    try (SqliteStore store = SqliteStores.open(dataDir)) {
      store.tokens().insert(newToken("_admin"));

      assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(RWX_OWNER);
      assertThat(Files.getPosixFilePermissions(store.databaseFile())).isEqualTo(RW_OWNER);
      assertThat(Files.getPosixFilePermissions(dataDir.resolve("tollgate.db-wal")))
          .isEqualTo(RW_OWNER);
      assertThat(Files.getPosixFilePermissions(dataDir.resolve("tollgate.db-shm")))
          .isEqualTo(RW_OWNER);
      assertThat(Files.getPosixFilePermissions(dataDir.resolve("tollgate.lock")))
          .isEqualTo(RW_OWNER);
    }
    assertThat(warnings()).isEmpty();
  }

  @Test
  void open_warnsAboutAnExistingDirectoryOpenToOthersAndLeavesItsModeAlone() throws IOException {
    Path dataDir = tempDir.resolve("shared");
    Files.createDirectory(dataDir);
    Set<PosixFilePermission> loose = PosixFilePermissions.fromString("rwxr-xr-x");
    Files.setPosixFilePermissions(dataDir, loose);

    SqliteStores.open(dataDir).close();

    assertThat(warnings())
        .singleElement()
        .asString()
        .contains(dataDir.toString())
        .contains("rwxr-xr-x");
    assertThat(Files.getPosixFilePermissions(dataDir)).isEqualTo(loose);
  }

  @Test
  void open_doesNotWarnAboutAnExistingOwnerOnlyDirectory() throws IOException {
    Path dataDir = tempDir.resolve("private");
    Files.createDirectory(dataDir);
    Files.setPosixFilePermissions(dataDir, RWX_OWNER);

    SqliteStores.open(dataDir).close();

    assertThat(warnings()).isEmpty();
  }

  @Test
  void open_warnsAboutAnExistingDatabaseReadableByOthers() throws IOException {
    Path dataDir = tempDir.resolve("data");
    SqliteStores.open(dataDir).close();
    Path db = dataDir.resolve("tollgate.db");
    Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));

    SqliteStores.open(dataDir).close();

    assertThat(warnings()).singleElement().asString().contains(db.toString());
  }

  @Test
  void open_refusesAPathThatIsAFile() throws IOException {
    Path notADir = Files.writeString(tempDir.resolve("file"), "x");

    assertThatThrownBy(() -> SqliteStores.open(notADir))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(notADir.toString())
        .hasMessageContaining("not a directory");
  }

  @Test
  void open_refusesASecondOwnerOfTheSameDirectory() {
    Path dataDir = tempDir.resolve("data");
    try (SqliteStore first = SqliteStores.open(dataDir)) {
      first.tokens().insert(newToken("_admin"));

      assertThatThrownBy(() -> SqliteStores.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dataDir.toString())
          .hasMessageContaining("already open");

      first.tokens().insert(newToken("still-working"));
      assertThat(first.tokens().findAll())
          .extracting(t -> t.name().value())
          .containsExactly("_admin", "still-working");
    }
  }

  @Test
  void open_refusesASecondOwnerReachingTheDirectoryByAnotherPath() throws IOException {
    Path dataDir = tempDir.resolve("data");
    Path link = Files.createSymbolicLink(tempDir.resolve("link"), dataDir.getFileName());
    try (SqliteStore first = SqliteStores.open(dataDir)) {

      assertThatThrownBy(() -> SqliteStores.open(link))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(dataDir.toRealPath().toString());
      assertThatThrownBy(
              () -> SqliteStores.open(tempDir.resolve("x").resolve("..").resolve("data")))
          .isInstanceOf(StoreException.class);

      assertThat(first.tokens().findAll()).isEmpty();
    }
  }

  @Test
  void open_succeedsAgainOnceTheOwnerClosed() {
    Path dataDir = tempDir.resolve("data");
    SqliteStore first = SqliteStores.open(dataDir);
    first.tokens().insert(newToken("_admin"));
    first.close();

    try (SqliteStore second = SqliteStores.open(dataDir)) {
      assertThat(second.tokens().findByName(TokenName.OPERATOR)).isPresent();
    }
  }

  @Test
  void open_thatFails_releasesTheDirectory() throws IOException {
    Path dataDir = tempDir.resolve("data");
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("tollgate.db"), "not a database, repeated. ".repeat(100));

    for (int attempt = 0; attempt < 2; attempt++) {
      assertThatThrownBy(() -> SqliteStores.open(dataDir))
          .isInstanceOf(StoreException.class)
          .hasMessageNotContaining("already open");
    }
  }

  private List<String> warnings() {
    return logged.list.stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .toList();
  }
}
