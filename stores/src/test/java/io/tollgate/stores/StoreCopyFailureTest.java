package io.tollgate.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.core.service.TokenService;
import io.tollgate.sqlite.SqliteStores;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A copy that fails once both stores are open leaves no store behind that it created. */
class StoreCopyFailureTest {

  @TempDir Path tempDir;
  private Path source;
  private List<Token> sourceTokens;

  @BeforeEach
  void fillSource() {
    source = tempDir.resolve("source");
    try (TokenStore store = Stores.open(dir(source))) {
      new TokenService(
              store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), Clock.systemUTC())
          .createOperatorToken(Actor.BOOTSTRAP);
      sourceTokens = List.copyOf(store.tokens().findAll());
    }
  }

  private static StoreLocation dir(Path path) {
    return new StoreLocation.SqliteDirectory(path);
  }

  /** Opens stores as the copy does, but the target refuses the import, after being created. */
  private static Function<StoreLocation, TokenStore> failingImportInto(Path target) {
    return location -> {
      TokenStore store = Stores.open(location);
      if (!location.equals(dir(target))) {
        return store;
      }
      return (TokenStore)
          Proxy.newProxyInstance(
              TokenStore.class.getClassLoader(),
              new Class<?>[] {TokenStore.class},
              (proxy, method, args) -> {
                if (method.getName().equals("importSnapshot")) {
                  throw new StoreException("the disk is full");
                }
                try {
                  return method.invoke(store, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    };
  }

  private void copyFails(Path target) {
    assertThatThrownBy(() -> StoreCopy.copy(dir(source), dir(target), failingImportInto(target)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("the disk is full");
    try (TokenStore store = Stores.open(dir(source))) {
      assertThat(store.tokens().findAll()).isEqualTo(sourceTokens);
    }
  }

  @Test
  void failedCopy_intoANewDirectory_removesTheDirectory() {
    Path target = tempDir.resolve("new/target");

    copyFails(target);

    assertThat(target).doesNotExist();
    assertThat(target.getParent()).exists();
  }

  @Test
  void failedCopy_intoAnExistingDirectoryWithoutAStore_removesOnlyTheStoreFiles() throws Exception {
    Path target = Files.createDirectory(tempDir.resolve("target"));
    Files.writeString(target.resolve("notes.txt"), "kept");

    copyFails(target);

    try (var files = Files.list(target)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
    }
  }

  @Test
  void failedCopy_intoAnEmptyStoreThatExisted_keepsThatStore() {
    Path target = tempDir.resolve("target");
    Stores.open(dir(target)).close();

    copyFails(target);

    assertThat(target.resolve(SqliteStores.DATABASE_FILE_NAME)).isRegularFile();
    try (TokenStore store = Stores.open(dir(target))) {
      assertThat(store.tokens().findAll()).isEmpty();
    }
  }
}
