package io.tollgate.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.port.out.StoreSnapshot;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Stores#copy} between SQLite directories: what it copies, what it refuses. */
class StoreCopyTest {

  @TempDir Path tempDir;

  private static TokenService service(TokenStore store) {
    return new TokenService(
        store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), Clock.systemUTC());
  }

  private static StoreLocation dir(Path path) {
    return new StoreLocation.SqliteDirectory(path);
  }

  /** Creates _admin, "ci" and "gone" (deleted) in {@code dataDir}; returns the three secrets. */
  private static List<String> fill(Path dataDir) {
    try (TokenStore store = Stores.open(dir(dataDir))) {
      TokenService tokens = service(store);
      String admin = tokens.createOperatorToken(Actor.BOOTSTRAP).secret().value();
      String ci = create(tokens, "ci");
      String gone = create(tokens, "gone");
      tokens.deleteToken(TokenName.named("gone"), Actor.BOOTSTRAP);
      return List.of(admin, ci, gone);
    }
  }

  private static String create(TokenService tokens, String name) {
    return tokens
        .createNamedAdminToken(
            new CreateNamedAdminTokenCommand(
                TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP))
        .secret()
        .value();
  }

  @Test
  void copy_intoANewDirectory_theSameTokensAuthenticate_theDeletedOneDoesNot() {
    Path source = tempDir.resolve("source");
    List<String> secrets = fill(source);
    Path target = tempDir.resolve("target");

    StoreCopyReport report = Stores.copy(dir(source), dir(target));

    assertThat(report).isEqualTo(new StoreCopyReport(2, 0, 4, false));
    try (TokenStore copy = Stores.open(dir(target));
        TokenStore original = Stores.open(dir(source))) {
      TokenService tokens = service(copy);
      assertThat(tokens.authenticate(secrets.get(0)).isAuthenticated()).isTrue();
      assertThat(tokens.authenticate(secrets.get(1)).isAuthenticated()).isTrue();
      assertThat(tokens.authenticate(secrets.get(2)).isAuthenticated()).isFalse();
      assertThat(copy.clusterId()).isEqualTo(original.clusterId());
      assertThat(copy.exportSnapshot()).isEqualTo(original.exportSnapshot());
      assertThat(create(tokens, "next")).isNotNull();
      assertThat(copy.tokens().findByName(TokenName.named("next")).orElseThrow().id())
          .isEqualTo(TokenId.of(3));
    }
  }

  @Test
  void copy_fromADirectoryWithoutAStore_isRefused_andCreatesNothing() {
    Path missing = tempDir.resolve("missing");
    Path target = tempDir.resolve("target");

    assertThatThrownBy(() -> Stores.copy(dir(missing), dir(target)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("there is no Tollgate store in " + missing);

    assertThat(missing).doesNotExist();
    assertThat(target).doesNotExist();
  }

  @Test
  void copy_intoADirectoryThatHoldsTokens_isRefused_andChangesNeitherStore() {
    Path source = tempDir.resolve("source");
    Path target = tempDir.resolve("target");
    fill(source);
    fill(target);
    List<Token> before;
    try (TokenStore store = Stores.open(dir(target))) {
      before = store.tokens().findAll();
    }

    assertThatThrownBy(() -> Stores.copy(dir(source), dir(target)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not empty")
        .hasMessageContaining(target.toString());

    try (TokenStore store = Stores.open(dir(target))) {
      assertThat(store.tokens().findAll()).isEqualTo(before);
    }
  }

  @Test
  void copy_fromOrIntoADirectoryARunningServerHolds_isRefused() {
    Path source = tempDir.resolve("source");
    Path target = tempDir.resolve("target");
    fill(source);

    try (TokenStore running = Stores.open(dir(source))) {
      assertThatThrownBy(() -> Stores.copy(dir(source), dir(target)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(source.toString());
      assertThat(running.tokens().findAll()).isNotEmpty();
    }
    try (TokenStore running = Stores.open(dir(target))) {
      assertThatThrownBy(() -> Stores.copy(dir(source), dir(target)))
          .isInstanceOf(StoreException.class)
          .hasMessageContaining(target.toString());
      assertThat(running.tokens().findAll()).isEmpty();
    }
  }

  @Test
  void copy_ofAStoreOntoItself_isRefusedBeforeOpeningAnything() throws Exception {
    Path source = tempDir.resolve("source");
    fill(source);
    Files.createDirectories(tempDir.resolve("x"));

    assertThatThrownBy(() -> Stores.copy(dir(source), dir(tempDir.resolve("x/../source/."))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the same store");
    StoreLocation.PostgresUrl url = new StoreLocation.PostgresUrl("postgresql://u:s3cretpw@h/db");
    assertThatThrownBy(() -> Stores.copy(url, new StoreLocation.PostgresUrl(url.url())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("u:***@h/db")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cretpw"));
  }

  @Test
  void verify_namesTheFirstDifference_neverAHash() {
    Path source = tempDir.resolve("source");
    fill(source);
    StoreSnapshot original;
    try (TokenStore store = Stores.open(dir(source))) {
      original = store.exportSnapshot();
    }
    Token first = original.tokens().get(0);
    TokenHash otherHash = TokenHash.sha512(new byte[64]);
    Token changed =
        new Token(
            first.id(),
            first.name(),
            otherHash,
            first.createdAt(),
            first.createdBy(),
            first.updatedAt(),
            first.updatedBy(),
            first.expiry(),
            first.description(),
            first.status(),
            first.permissions());
    StoreSnapshot tampered =
        new StoreSnapshot(
            original.clusterId(),
            original.nextTokenId(),
            List.of(changed, original.tokens().get(1)),
            original.importedTokens(),
            original.auditEntries(),
            original.auditKey(),
            original.recoveryCode());
    StoreSnapshot otherIdentity =
        new StoreSnapshot(
            UUID.randomUUID(),
            original.nextTokenId(),
            original.tokens(),
            original.importedTokens(),
            original.auditEntries(),
            original.auditKey(),
            original.recoveryCode());

    StoreCopy.verify(original, original, "/t");
    assertThatThrownBy(() -> StoreCopy.verify(original, tampered, "/t"))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the copy in /t does not match its source (token 0 differs)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(first.hash().hex()));
    assertThatThrownBy(() -> StoreCopy.verify(original, otherIdentity, "/t"))
        .hasMessageContaining("cluster id");
  }
}
