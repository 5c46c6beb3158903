package io.tollgate.sqlite;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.domain.Actor;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.domain.Token;
import io.tollgate.core.domain.TokenId;
import io.tollgate.core.domain.TokenName;
import io.tollgate.core.port.in.CreateNamedAdminTokenUseCase.CreateNamedAdminTokenCommand;
import io.tollgate.core.service.TokenService;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The process the crash and lock tests start and kill. Modes:
 *
 * <ul>
 *   <li>{@code work DIR SEED}: creates, regenerates and deletes tokens through the token service
 *       until killed, printing {@code BEGIN …} before and {@code ACK …} after each committed write;
 *   <li>{@code hold DIR}: opens the store, prints {@code READY}, and waits to be killed;
 *   <li>{@code probe DIR}: tries to open the store and prints {@code OPENED} or {@code REFUSED
 *       message}.
 * </ul>
 *
 * It exits when its standard input closes, so it never outlives the test that started it.
 */
final class CrashChild {

  private static final PrintStream OUT = System.out;

  private CrashChild() {}

  public static void main(String[] args) throws Exception {
    exitWhenParentGoes();
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "work" -> work(dir, Long.parseLong(args[2]));
      case "hold" -> hold(dir);
      case "probe" -> probe(dir);
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  private static void work(Path dir, long seed) {
    SqliteStore store = SqliteStores.open(dir);
    TokenService service =
        new TokenService(
            store, new Sha512TokenHasher(), new SecureRandomSecretGenerator(), Clock.systemUTC());
    List<String> named = new ArrayList<>();
    boolean hasOperator = false;
    for (Token token : service.listTokens()) {
      if (token.isOperator()) {
        hasOperator = true;
      } else {
        named.add(token.name().value());
      }
    }
    // A read in a transaction that changes nothing: the store's write path does its first-time
    // set-up (Jdbi's first statement, the writer's SQL object) here, before READY, so that kills
    // at random moments after READY land in writes, not in that set-up.
    store.inTransaction(tx -> tx.tokens().findById(TokenId.of(0)));
    say("READY " + named.size());
    Random random = new Random(seed);
    for (int counter = 0; ; counter++) {
      int dice = random.nextInt(100);
      if (!hasOperator) {
        say("BEGIN CREATE _admin");
        IssuedToken issued = service.createOperatorToken();
        say("ACK CREATE _admin " + issued.token().id() + " " + issued.token().hash().hex());
        hasOperator = true;
      } else if (dice < 50 || named.isEmpty()) {
        String name = "n-" + seed + "-" + counter;
        say("BEGIN CREATE " + name);
        IssuedToken issued =
            service.createNamedAdminToken(
                new CreateNamedAdminTokenCommand(
                    TokenName.named(name), Lifetime.FOREVER, null, Actor.BOOTSTRAP));
        say("ACK CREATE " + name + " " + issued.token().id() + " " + issued.token().hash().hex());
        named.add(name);
      } else if (dice < 80) {
        String name = named.remove(random.nextInt(named.size()));
        say("BEGIN DELETE " + name);
        service.deleteToken(TokenName.of(name), Actor.BOOTSTRAP);
        say("ACK DELETE " + name);
      } else {
        say("BEGIN REGEN _admin");
        IssuedToken issued = service.regenerateOperatorTokenOutOfBand(Actor.OFFLINE_RECOVERY);
        say("ACK REGEN _admin " + issued.token().id() + " " + issued.token().hash().hex());
      }
    }
  }

  private static void hold(Path dir) throws InterruptedException {
    SqliteStore store = SqliteStores.open(dir);
    store.tokens().findAll();
    say("READY");
    Thread.sleep(Long.MAX_VALUE);
  }

  private static void probe(Path dir) {
    try (SqliteStore store = SqliteStores.open(dir)) {
      say("OPENED " + store.tokens().findAll().size());
    } catch (StoreException e) {
      say("REFUSED " + e.getMessage());
    }
  }

  private static void say(String line) {
    OUT.println(line);
    OUT.flush();
  }

  private static void exitWhenParentGoes() {
    Thread watcher =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Nothing is sent; only the end of the stream matters.
                }
              } catch (IOException e) {
                // Treated as the end of the stream.
              }
              Runtime.getRuntime().halt(3);
            },
            "parent-watcher");
    watcher.setDaemon(true);
    watcher.start();
  }
}
