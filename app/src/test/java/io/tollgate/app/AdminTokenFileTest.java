package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.TokenName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {

  private static final String SECRET = "apiv3_" + "k".repeat(40);

  @TempDir Path dir;

  private Path file(String json) throws Exception {
    Path file = dir.resolve("admin-token.json");
    Files.writeString(file, json);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  /** The example of InfluxDB's "Use a preconfigured admin token" page, with a real secret. */
  @Test
  void influxDbsDocumentedOperatorFile_isAccepted_itsExpiryIgnoredAndFlagged() throws Exception {
    Path file =
        file(
            "{\n"
                + "  \"token\": \""
                + SECRET
                + "\",\n"
                + "  \"name\": \"_admin\",\n"
                + "  \"description\": \"Admin token for InfluxDB 3\",\n"
                + "  \"expiry_millis\": 1756400061529\n"
                + "}\n");

    AdminTokenFile read = AdminTokenFile.read(file);

    assertThat(read.name()).isEqualTo(TokenName.OPERATOR);
    assertThat(read.expiry()).isEqualTo(Expiry.NEVER);
    assertThat(read.expiryIgnored()).isTrue();
    assertThat(read.toString()).doesNotContain(SECRET);
  }

  @Test
  void namedAdminTokenFile_keepsItsExpiry_andIsNotFlagged() throws Exception {
    Path file =
        file("{\"token\": \"" + SECRET + "\", \"name\": \"ci\", \"expiry_millis\": 1756400061529}");

    AdminTokenFile read = AdminTokenFile.read(file);

    assertThat(read.expiry()).isEqualTo(Expiry.atEpochMilli(1756400061529L));
    assertThat(read.expiryIgnored()).isFalse();
  }

  @Test
  void operatorFileWithoutExpiry_orWithANullOne_isNotFlagged() throws Exception {
    for (String expiry : new String[] {"", ", \"expiry_millis\": null"}) {
      Path file = file("{\"token\": \"" + SECRET + "\", \"name\": \"_admin\"" + expiry + "}");

      AdminTokenFile read = AdminTokenFile.read(file);

      assertThat(read.expiry()).isEqualTo(Expiry.NEVER);
      assertThat(read.expiryIgnored()).as(expiry).isFalse();
    }
  }
}
