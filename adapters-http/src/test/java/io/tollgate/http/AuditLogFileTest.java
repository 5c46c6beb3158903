package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.AuditEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --audit-log FILE}: JSON lines, mode 0600, no symbolic link, reopened for logrotate. */
class AuditLogFileTest {
  private static final AuditEntry ONE =
      new AuditEntry(
          Instant.parse("2025-04-18T14:02:45.331Z"), "token.created", "a", Actor.BOOTSTRAP);
  private static final AuditEntry TWO =
      new AuditEntry(Instant.parse("2025-04-18T14:02:46Z"), "token.deleted", "a", Actor.BOOTSTRAP);

  @TempDir Path dir;

  @Test
  void aMissingFile_isCreatedWithMode0600_andEntriesAreAppendedAsJsonLines() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    try (AuditLogFile log = AuditLogFile.open(file)) {
      log.append(List.of(ONE));
      log.append(List.of(TWO));
    }

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0))
        .startsWith("{\"at\":\"2025-04-18T14:02:45.331Z\",\"action\":\"token.created\"");
    assertThat(lines.get(1)).contains("\"action\":\"token.deleted\"");
  }

  @Test
  void anExistingFile_isAppendedTo_andMadeOwnerOnly() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Files.writeString(file, "earlier\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    try (AuditLogFile log = AuditLogFile.open(file)) {
      log.append(List.of(ONE));
    }

    assertThat(Files.readAllLines(file)).hasSize(2).first().isEqualTo("earlier");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aSymbolicLink_isRefused_withOneLineNamingTheFile() throws Exception {
    Path target = dir.resolve("elsewhere");
    Files.writeString(target, "");
    Path link = Files.createSymbolicLink(dir.resolve("audit.jsonl"), target);

    assertThatThrownBy(() -> AuditLogFile.open(link))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot open the audit log file " + link + ": it is a symbolic link");
    assertThat(Files.readString(target)).isEmpty();
  }

  @Test
  void anUnwritablePath_isRefused_withOneLine() {
    Path file = dir.resolve("no-such-dir").resolve("audit.jsonl");

    assertThatThrownBy(() -> AuditLogFile.open(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot open the audit log file " + file + ": ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void reopen_afterARename_writesToANewFileAtThePath() throws Exception {
    Path file = dir.resolve("audit.jsonl");
    Path rotated = dir.resolve("audit.jsonl.1");
    try (AuditLogFile log = AuditLogFile.open(file)) {
      log.append(List.of(ONE));
      Files.move(file, rotated);
      log.reopen();
      log.append(List.of(TWO));
      assertThat(log.writeFailures()).isZero();
    }

    assertThat(Files.readAllLines(rotated)).singleElement().asString().contains("token.created");
    assertThat(Files.readAllLines(file)).singleElement().asString().contains("token.deleted");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void aFailedWrite_isCounted_andNeverThrown() {
    AuditLogFile log = AuditLogFile.open(dir.resolve("audit.jsonl"));
    log.close();

    log.append(List.of(ONE));
    log.append(List.of(TWO));

    assertThat(log.writeFailures()).isEqualTo(2);
  }
}
