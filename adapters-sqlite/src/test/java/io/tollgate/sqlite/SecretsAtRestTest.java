package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.service.TokenService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store keeps SHA-512 digests; no token string ever reaches the disk. */
class SecretsAtRestTest {

  @TempDir Path tempDir;

  @Test
  void tokenStrings_appearNeitherInTheDatabaseNorInItsWal() throws IOException {
    Path dataDir = tempDir.resolve("data");
    List<IssuedToken> issued = new ArrayList<>();
    try (SqliteStore store = SqliteStores.open(dataDir)) {
      TokenService service =
          new TokenService(
              store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), Clock.systemUTC());
      issued.add(service.createOperatorToken());
      for (int i = 0; i < 20; i++) {
        issued.add(
            service.createNamedAdminToken(
                new CreateNamedAdminTokenCommand(
                    TokenName.named("named-" + i),
                    Lifetime.ofSeconds(3600),
                    null,
                    Actor.BOOTSTRAP)));
      }
      issued.add(service.regenerateOperatorTokenOutOfBand(Actor.OFFLINE_RECOVERY));
      service.deleteToken(TokenName.of("named-0"), Actor.BOOTSTRAP);

      // Before a checkpoint the rows live in the WAL; scan it while it holds them.
      assertThat(dataDir.resolve("tollgate.db-wal")).isNotEmptyFile();
      assertNoTokenStringIn(dataDir, issued);
      assertDigestsAreIn(dataDir, issued.get(issued.size() - 1));

      ((SqliteTokenStore) store)
          .withWriter(h -> h.createQuery("PRAGMA wal_checkpoint(FULL)").mapToMap().list());
      assertNoTokenStringIn(dataDir, issued);
    }
    assertNoTokenStringIn(dataDir, issued);
    assertDigestsAreIn(dataDir, issued.get(issued.size() - 1));
  }

  private static void assertNoTokenStringIn(Path dataDir, List<IssuedToken> issued)
      throws IOException {
    List<Path> files = files(dataDir);
    assertThat(files).contains(dataDir.resolve("tollgate.db"));
    for (Path file : files) {
      byte[] content = Files.readAllBytes(file);
      for (IssuedToken token : issued) {
        String secret = token.secret().value();
        String randomPart = secret.substring("apiv3_".length());
        assertThat(indexOf(content, secret.getBytes(StandardCharsets.UTF_8)))
            .as("token %s in %s", token.token().name(), file)
            .isEqualTo(-1);
        assertThat(indexOf(content, randomPart.getBytes(StandardCharsets.UTF_8)))
            .as("random part of token %s in %s", token.token().name(), file)
            .isEqualTo(-1);
      }
    }
  }

  /** The scan's positive control: what is stored, the digest, is found by the same search. */
  private static void assertDigestsAreIn(Path dataDir, IssuedToken token) throws IOException {
    byte[] digest = token.token().hash().digest();
    boolean found = false;
    for (Path file : files(dataDir)) {
      found |= indexOf(Files.readAllBytes(file), digest) >= 0;
    }
    assertThat(found).as("digest of %s on disk", token.token().name()).isTrue();
  }

  private static List<Path> files(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).toList();
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
