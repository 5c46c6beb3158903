package io.tollgate.core.port.out;

import static io.tollgate.core.testing.TestTokens.T0;
import static io.tollgate.core.testing.TestTokens.hashOf;
import static io.tollgate.core.testing.TestTokens.newResourceToken;
import static io.tollgate.core.testing.TestTokens.newToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenNameAlreadyExistsException;
import io.tollgate.core.domain.TokenStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TokenRepository} must show. A store's test subclasses this and
 * supplies a fresh, empty repository; stores that survive a restart also override {@link
 * #reopen(TokenRepository)}.
 */
public abstract class TokenRepositoryContract {

  protected TokenRepository repository;

  /** A new, empty repository. */
  protected abstract TokenRepository newRepository();

  /** The same store, closed and opened again; in-memory stores return the same instance. */
  protected TokenRepository reopen(TokenRepository current) {
    return current;
  }

  @BeforeEach
  void createRepository() {
    repository = newRepository();
  }

  @Test
  void insert_allocatesIdsIncreasingFromZero() {
    Token first = repository.insert(newToken("_admin"));
    Token second = repository.insert(newToken("second"));
    Token third = repository.insert(newToken("third"));

    assertThat(List.of(first.id(), second.id(), third.id()))
        .containsExactly(TokenId.of(0), TokenId.of(1), TokenId.of(2));
  }

  @Test
  void insert_storesEveryFieldAsGiven() {
    Instant expiry = T0.plusSeconds(3600);
    Token stored =
        repository.insert(newToken("ci", "apiv3_ci-secret", TokenId.of(7), Expiry.at(expiry)));

    Token found = repository.findByName(TokenName.of("ci")).orElseThrow();

    assertThat(found).isEqualTo(stored);
    assertThat(found.hash()).isEqualTo(hashOf("apiv3_ci-secret"));
    assertThat(found.createdAt()).isEqualTo(T0);
    assertThat(found.createdBy()).isEqualTo(TokenId.of(7));
    assertThat(found.expiry()).isEqualTo(Expiry.at(expiry));
    assertThat(found.status()).isEqualTo(TokenStatus.ACTIVE);
    assertThat(found.permissions()).isEqualTo(Token.ADMIN_PERMISSIONS);
    assertThat(found.updatedAt()).isNull();
    assertThat(found.updatedBy()).isNull();
    assertThat(found.description()).isNull();
  }

  @Test
  void permissions_ofAResourceTokenRoundTripThroughEveryRead() {
    String text = "db:a,b:read,write system:ping:read orders:*:approve";
    Token stored = repository.insert(newResourceToken("dashboard", text));

    assertThat(stored.permissions()).isEqualTo(Permissions.parse(text));
    assertThat(stored.isAdmin()).isFalse();
    assertThat(repository.findByName(stored.name()).orElseThrow().permissions().text())
        .isEqualTo(text);
    assertThat(repository.findByHash(stored.hash())).contains(stored);
    assertThat(repository.findById(stored.id())).contains(stored);
    assertThat(repository.findAll()).containsExactly(stored);
  }

  @Test
  void permissions_surviveAReopenAndEveryOtherWrite() {
    repository.insert(newToken("_admin"));
    Token dashboard = repository.insert(newResourceToken("dashboard", "system:health,ping:read"));
    repository.insert(newResourceToken("writer", "db:*:write"));
    repository.updateDetails(
        dashboard.name(), Description.of("wall"), TokenStatus.INACTIVE, T0, TokenId.of(0));
    repository.replaceHash(
        dashboard.id(), dashboard.hash(), hashOf("apiv3_rotated"), T0, TokenId.of(0));
    repository = reopen(repository);

    assertThat(repository.findAll())
        .extracting(token -> token.permissions().text())
        .containsExactly("*:*:*", "system:health,ping:read", "db:*:write");
    assertThat(repository.findByName(TokenName.of("_admin")).orElseThrow().permissions())
        .isSameAs(Permissions.ADMIN);
    assertThat(repository.findByHash(hashOf("apiv3_rotated")).orElseThrow().permissions().text())
        .isEqualTo("system:health,ping:read");
  }

  @Test
  void findById_findsTheTokenWithThatIdAndNoOther() {
    Token a = repository.insert(newToken("a"));
    Token b = repository.insert(newToken("b"));
    repository.deleteByName(a.name());

    assertThat(repository.findById(b.id())).contains(b);
    assertThat(repository.findById(a.id())).isEmpty();
    assertThat(repository.findById(TokenId.of(99))).isEmpty();
  }

  @Test
  void insert_rejectsADuplicateNameAndKeepsTheFirst() {
    Token first = repository.insert(newToken("ci", "apiv3_first"));

    assertThatThrownBy(() -> repository.insert(newToken("ci", "apiv3_second")))
        .isInstanceOf(TokenNameAlreadyExistsException.class)
        .hasMessage("token name already exists, ci");

    assertThat(repository.findAll()).containsExactly(first);
  }

  @Test
  void insertThenRead_storesAsInsertDoesAndReadsAfterTheInsert() {
    Token admin = repository.insert(newToken("_admin"));

    InsertThenRead ci = repository.insertThenRead(newToken("ci"), admin.id());
    InsertThenRead self = repository.insertThenRead(newToken("self"), TokenId.of(2));

    assertThat(ci.stored()).isPresent();
    assertThat(ci.stored().orElseThrow().id()).isEqualTo(TokenId.of(1));
    assertThat(repository.findByName(TokenName.of("ci"))).isEqualTo(ci.stored());
    assertThat(ci.read()).contains(admin);
    assertThat(self.stored().orElseThrow().id()).isEqualTo(TokenId.of(2));
    assertThat(self.read()).isEqualTo(self.stored()); // the read sees the insert before it
  }

  @Test
  void insertThenRead_ofATakenName_storesNothingAndLeavesNoGapInTheIds() {
    Token admin = repository.insert(newToken("_admin"));
    Token ci = repository.insert(newToken("ci"));

    InsertThenRead refused =
        repository.insertThenRead(
            newToken("ci", "apiv3_other-secret", admin.id(), Expiry.NEVER), admin.id());

    assertThat(refused.stored()).isEmpty();
    assertThat(refused.read()).contains(admin);
    assertThat(repository.findAll()).containsExactly(admin, ci);
    assertThatThrownBy(
            () -> repository.insert(newToken("ci", "apiv3_other-secret", null, Expiry.NEVER)))
        .isInstanceOf(TokenNameAlreadyExistsException.class);
    assertThat(repository.insert(newToken("next")).id()).isEqualTo(TokenId.of(2));
  }

  @Test
  void insertThenRead_ofAnUnknownId_storesAndReadsNothing() {
    InsertThenRead done = repository.insertThenRead(newToken("_admin"), TokenId.of(41));

    assertThat(done.stored()).isPresent();
    assertThat(done.read()).isEmpty();
    assertThat(repository.findAll()).containsExactly(done.stored().orElseThrow());
  }

  @Test
  void ids_areNeverReusedAfterDelete() {
    repository.insert(newToken("a"));
    Token b = repository.insert(newToken("b"));
    repository.deleteByName(b.name());

    Token c = repository.insert(newToken("c"));

    assertThat(c.id()).isEqualTo(TokenId.of(2));
  }

  @Test
  void ids_areNeverReusedAfterDeleteAndReopen() {
    repository.insert(newToken("a"));
    Token b = repository.insert(newToken("b"));
    repository.deleteByName(b.name());
    repository = reopen(repository);

    Token c = repository.insert(newToken("c"));

    assertThat(c.id()).isEqualTo(TokenId.of(2));
  }

  @Test
  void findByName_returnsEmptyForAnUnknownName() {
    repository.insert(newToken("a"));

    assertThat(repository.findByName(TokenName.of("b"))).isEmpty();
  }

  @Test
  void findByHash_findsTheTokenWithThatHash() {
    repository.insert(newToken("a", "apiv3_aaa"));
    Token b = repository.insert(newToken("b", "apiv3_bbb"));

    assertThat(repository.findByHash(hashOf("apiv3_bbb"))).contains(b);
    assertThat(repository.findByHash(hashOf("apiv3_ccc"))).isEmpty();
  }

  @Test
  void findAll_listsOrderedById() {
    Token a = repository.insert(newToken("zeta"));
    Token b = repository.insert(newToken("alpha"));
    Token c = repository.insert(newToken("mid"));

    assertThat(repository.findAll()).containsExactly(a, b, c);
  }

  @Test
  void replaceHash_swapsTheHashAndSetsUpdatedFields() {
    Token admin = repository.insert(newToken("_admin", "apiv3_old"));
    Instant later = T0.plusSeconds(60);

    Token updated =
        repository
            .replaceHash(admin.id(), hashOf("apiv3_old"), hashOf("apiv3_new"), later, admin.id())
            .orElseThrow();

    assertThat(updated.hash()).isEqualTo(hashOf("apiv3_new"));
    assertThat(updated.id()).isEqualTo(admin.id());
    assertThat(updated.name()).isEqualTo(admin.name());
    assertThat(updated.createdAt()).isEqualTo(admin.createdAt());
    assertThat(updated.expiry()).isEqualTo(admin.expiry());
    assertThat(updated.updatedAt()).isEqualTo(later);
    assertThat(updated.updatedBy()).isEqualTo(admin.id());
    assertThat(repository.findByHash(hashOf("apiv3_old"))).isEmpty();
    assertThat(repository.findByHash(hashOf("apiv3_new"))).contains(updated);
    assertThat(repository.findByName(admin.name())).contains(updated);
  }

  @Test
  void replaceHash_changesNothingWhenTheExpectedHashIsStale() {
    Token admin = repository.insert(newToken("_admin", "apiv3_current"));

    assertThat(
            repository.replaceHash(
                admin.id(), hashOf("apiv3_stale"), hashOf("apiv3_new"), T0.plusSeconds(1), null))
        .isEmpty();
    assertThat(repository.findByName(admin.name())).contains(admin);
  }

  @Test
  void replaceHash_changesNothingForAnUnknownId() {
    assertThat(
            repository.replaceHash(
                TokenId.of(42), hashOf("apiv3_a"), hashOf("apiv3_b"), T0.plusSeconds(1), null))
        .isEmpty();
    assertThat(repository.findAll()).isEmpty();
  }

  @Test
  void updateDetails_setsDescriptionAndStatusOnly() {
    Token ci = repository.insert(newToken("ci"));
    Instant later = T0.plusSeconds(5);

    Token updated =
        repository
            .updateDetails(
                ci.name(), Description.of("deploys"), TokenStatus.INACTIVE, later, TokenId.of(0))
            .orElseThrow();

    assertThat(updated.description()).isEqualTo(Description.of("deploys"));
    assertThat(updated.status()).isEqualTo(TokenStatus.INACTIVE);
    assertThat(updated.updatedAt()).isEqualTo(later);
    assertThat(updated.updatedBy()).isEqualTo(TokenId.of(0));
    assertThat(updated.hash()).isEqualTo(ci.hash());
    assertThat(updated.expiry()).isEqualTo(ci.expiry());
    assertThat(repository.findByName(ci.name())).contains(updated);
  }

  @Test
  void updateDetails_returnsEmptyForAnUnknownName() {
    assertThat(
            repository.updateDetails(
                TokenName.of("nobody"), null, TokenStatus.ACTIVE, T0, TokenId.of(0)))
        .isEmpty();
  }

  @Test
  void deleteByName_removesOnlyThatToken() {
    Token a = repository.insert(newToken("a"));
    Token b = repository.insert(newToken("b"));

    assertThat(repository.deleteByName(TokenName.of("a"))).contains(a);

    assertThat(repository.findAll()).containsExactly(b);
    assertThat(repository.findByHash(a.hash())).isEmpty();
    assertThat(repository.deleteByName(TokenName.of("a"))).isEmpty();
  }

  @Test
  void deletedName_canBeUsedAgainWithANewId() {
    Token first = repository.insert(newToken("ci", "apiv3_one"));
    repository.deleteByName(first.name());

    Token second = repository.insert(newToken("ci", "apiv3_two"));

    assertThat(second.id().value()).isGreaterThan(first.id().value());
  }

  @Test
  void clusterId_isStableForTheStore() {
    assertThat(repository.clusterId()).isEqualTo(repository.clusterId());
    assertThat(reopen(repository).clusterId()).isEqualTo(repository.clusterId());
  }

  // --- what the store imported (token files read at start-up) ---

  @Test
  void insertImported_storesTheTokenAsInsertDoes() {
    repository.insert(newToken("_admin"));

    Token imported = repository.insertImported(newToken("ci", "apiv3_from-file"));

    assertThat(imported.id()).isEqualTo(TokenId.of(1));
    assertThat(repository.findByName(TokenName.of("ci"))).contains(imported);
    assertThat(repository.findByHash(hashOf("apiv3_from-file"))).contains(imported);
    assertThat(repository.wasImported(hashOf("apiv3_from-file"))).isTrue();
  }

  @Test
  void insertImported_isRememberedAfterTheTokenIsDeletedAndTheStoreReopened() {
    Token imported = repository.insertImported(newToken("ci", "apiv3_from-file"));
    repository.deleteByName(imported.name());
    repository = reopen(repository);

    assertThat(repository.wasImported(hashOf("apiv3_from-file"))).isTrue();
    assertThatThrownBy(() -> repository.insertImported(newToken("ci", "apiv3_from-file")))
        .isInstanceOf(RuntimeException.class);
    assertThat(repository.findAll()).isEmpty();
  }

  @Test
  void insertImported_ofATakenName_isRefusedAndRemembersNothing() {
    Token first = repository.insert(newToken("ci", "apiv3_first"));

    assertThatThrownBy(() -> repository.insertImported(newToken("ci", "apiv3_from-file")))
        .isInstanceOf(TokenNameAlreadyExistsException.class);

    assertThat(repository.wasImported(hashOf("apiv3_from-file"))).isFalse();
    assertThat(repository.findAll()).containsExactly(first);
  }

  @Test
  void insert_isNotRememberedAsAnImport() {
    Token created = repository.insert(newToken("ci", "apiv3_created"));
    repository.deleteByName(created.name());

    assertThat(repository.wasImported(hashOf("apiv3_created"))).isFalse();
    assertThat(repository.insertImported(newToken("ci", "apiv3_created")).name())
        .isEqualTo(created.name());
  }
}
