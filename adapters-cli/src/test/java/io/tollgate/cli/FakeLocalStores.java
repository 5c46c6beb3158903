package io.tollgate.cli;

import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenHash;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.domain.TokenSecret;
import io.tollgate.core.domain.TokenStatus;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A recording stand-in for app's store operations: every call is kept as one line. */
final class FakeLocalStores implements LocalStores {

  static final String SECRET = "apiv3_" + "R".repeat(86);
  static final Instant CREATED = Instant.parse("2025-04-18T14:02:45.331Z");

  private final List<String> calls = new ArrayList<>();
  private List<Token> tokens = List.of();
  private boolean operatorExists;
  private String failure;

  FakeLocalStores tokens(List<Token> tokens) {
    this.tokens = tokens;
    return this;
  }

  FakeLocalStores operatorExists(boolean exists) {
    this.operatorExists = exists;
    return this;
  }

  /** Every call fails with a StoreException carrying {@code message}. */
  FakeLocalStores failing(String message) {
    this.failure = message;
    return this;
  }

  List<String> calls() {
    return List.copyOf(calls);
  }

  @Override
  public List<Token> list(Path dataDir) {
    record("list " + dataDir);
    return tokens;
  }

  @Override
  public IssuedToken createOrRegenerateOperator(Path dataDir) {
    record("createOrRegenerateOperator " + dataDir);
    Token operator =
        new Token(
            TokenId.of(0),
            TokenName.OPERATOR,
            TokenHash.sha512(new byte[64]),
            CREATED,
            null,
            operatorExists ? CREATED.plusSeconds(60) : null,
            null,
            Expiry.NEVER,
            null,
            TokenStatus.ACTIVE,
            Token.ADMIN_PERMISSIONS);
    return new IssuedToken(operator, new TokenSecret(SECRET));
  }

  @Override
  public void backup(Path dataDir, Path output, boolean replace) {
    record("backup " + dataDir + " " + output + " replace=" + replace);
  }

  @Override
  public int verifyBackup(Path backup) {
    record("verifyBackup " + backup);
    return 2;
  }

  @Override
  public void restore(Path backup, Path dataDir) {
    record("restore " + backup + " " + dataDir);
  }

  @Override
  public CopySummary copyStore(StoreEndpoint from, StoreEndpoint to) {
    record("copyStore " + from + " " + to);
    return new CopySummary(3, 1, 7, true);
  }

  private void record(String call) {
    calls.add(call);
    if (failure != null) {
      throw new StoreException(failure);
    }
  }
}
