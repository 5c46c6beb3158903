package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code tollgate store copy} against a recording store: what it passes on, what it refuses. */
class StoreCopyCommandTest {

  private static final String PASSWORD = "s3cretpw";
  private static final String URL = "postgresql://tollgate:" + PASSWORD + "@db.example:5432/tg";

  @TempDir Path home;

  private static void assertNoPassword(Result result) {
    assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
  }

  @Test
  void copy_fromADirectoryToAUrl_passesBoth_andPrintsCountsOnly_neverThePassword() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("store", "copy", "--from", "~/node", "--to", URL, "--yes");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.stores().calls())
        .containsExactly(
            "copyStore " + home.resolve("node") + " postgresql://tollgate:***@db.example:5432/tg");
    assertThat(result.out())
        .isEqualTo(
            "Copied 3 tokens, 1 imported hash, 7 audit lines and the recovery code from "
                + home.resolve("node")
                + " to postgresql://tollgate:***@db.example:5432/tg; verified\n");
    assertThat(result.err()).isEmpty();
    assertNoPassword(result);
  }

  @Test
  void copy_fromAUrlBackToADirectory_passesBoth() {
    CliRunner cli = new CliRunner(home);

    Result result =
        cli.run(
            "store",
            "copy",
            "--from",
            "jdbc:postgresql://db/tg?password=" + PASSWORD,
            "--to",
            "/srv/new",
            "--yes");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.stores().calls())
        .containsExactly("copyStore jdbc:postgresql://db/tg?password=*** /srv/new");
    assertNoPassword(result);
  }

  @Test
  void copy_withoutYes_asksOnStderr_andGoesOnWithYes() {
    CliRunner cli = new CliRunner(home).stdin("yes\n");

    Result result = cli.run("store", "copy", "--from", "/a", "--to", URL);

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(result.err())
        .contains("Copy the store at /a into the empty store at postgresql://tollgate:***@")
        .contains("Enter 'yes' to confirm");
    assertThat(cli.stores().calls()).hasSize(1);
    assertNoPassword(result);
  }

  @Test
  void copy_withoutAnAnswer_copiesNothing_andSaysHowToSkipTheQuestion() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("store", "copy", "--from", "/a", "--to", "/b");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .contains("error: Cannot copy without confirmation; nothing was written")
        .contains("pass --yes");
    assertThat(cli.stores().calls()).isEmpty();
  }

  @Test
  void copy_ofADirectoryOntoItself_isAUsageError_andCopiesNothing() {
    CliRunner cli = new CliRunner(home);

    Result result =
        cli.run("store", "copy", "--from", "~/data", "--to", home + "/x/../data/.", "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("error: --from and --to name the same store");
    assertThat(cli.stores().calls()).isEmpty();
  }

  @Test
  void copy_ofAUrlOntoItself_isAUsageError_withoutThePassword() {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("store", "copy", "--from", URL, "--to", URL, "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("the same store").contains("tollgate:***@db.example");
    assertThat(cli.stores().calls()).isEmpty();
    assertNoPassword(result);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "mysql://root:" + PASSWORD + "@db/tg",
        "jdbc:mysql://db/tg?password=" + PASSWORD,
        "https://user:" + PASSWORD + "@example.com/"
      })
  void copy_toAnUnknownScheme_isAUsageError_namingOnlyTheScheme(String target) {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run("store", "copy", "--from", "/a", "--to", target, "--yes");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err())
        .contains("error: --to: unknown store scheme '" + target.substring(0, target.indexOf(":/")))
        .contains("postgresql://USER");
    assertThat(cli.stores().calls()).isEmpty();
    assertNoPassword(result);
  }

  @Test
  void copy_toAMalformedPostgresUrl_isAUsageError_withoutRepeatingIt() {
    CliRunner cli = new CliRunner(home);

    Result result =
        cli.run("store", "copy", "--from", "postgresql://u:" + PASSWORD + "@h/d b", "--to", "/b");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("error: --from: not a PostgreSQL URL");
    assertNoPassword(result);
  }

  @Test
  void copy_intoANonEmptyTarget_failsWithTheStoresMessage_exit1() {
    CliRunner cli =
        new CliRunner(home)
            .stores(
                new FakeLocalStores()
                    .failing("cannot copy into the SQLite store /b/tollgate.db: it is not empty"));

    Result result = cli.run("store", "copy", "--from", URL, "--to", "/b", "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo("error: cannot copy into the SQLite store /b/tollgate.db: it is not empty\n");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void copy_fromAMissingDirectory_failsWithTheStoresMessage_exit1() {
    CliRunner cli =
        new CliRunner(home)
            .stores(new FakeLocalStores().failing("there is no Tollgate store in /nowhere"));

    Result result = cli.run("store", "copy", "--from", "/nowhere", "--to", URL, "--yes");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("error: there is no Tollgate store in /nowhere");
  }

  @Test
  void copy_needsBothSides_andStoreNeedsASubcommand() {
    CliRunner cli = new CliRunner(home);

    Result noTarget = cli.run("store", "copy", "--from", "/a");
    Result bare = cli.run("store");
    Result help = cli.run("store", "copy", "--help");

    assertThat(noTarget.exitCode()).isEqualTo(2);
    assertThat(noTarget.err()).contains("--to");
    assertThat(bare.exitCode()).isEqualTo(2);
    assertThat(bare.err()).contains("missing subcommand");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("--from", "--to", "cluster id", "must be empty");
    assertThat(cli.stores().calls()).isEmpty();
  }
}
