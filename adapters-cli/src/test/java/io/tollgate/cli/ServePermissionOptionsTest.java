package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tollgate.cli.CliRunner.Result;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code serve --resource-type NAME=ACTION,ACTION} and {@code --permission-tokens-file F}. */
class ServePermissionOptionsTest {

  @TempDir Path home;

  private ServeOptions serve(CliRunner cli, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "serve";
    System.arraycopy(args, 0, all, 1, args.length);
    Result result = cli.run(all);
    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.launched()).hasSize(1);
    return cli.launched().get(0);
  }

  @Test
  void defaults_noPermissionTokensFileAndOnlyTheBuiltInTypes() {
    ServeOptions options = serve(new CliRunner(home));

    assertThat(options.permissionTokensFile()).isEmpty();
    assertThat(options.resourceTypes()).isEmpty();
    assertThat(options.allResourceTypes().all())
        .extracting(ResourceType::name)
        .containsExactly("db", "system");
  }

  @Test
  void resourceType_repeatableDeclaresTypesInOrderWithTheirActions() {
    ServeOptions options =
        serve(
            new CliRunner(home),
            "--resource-type",
            "orders=read,write",
            "--resource-type",
            "queue=publish");

    assertThat(options.resourceTypes())
        .containsExactly(
            ResourceType.anyName("orders", "read", "write"),
            ResourceType.anyName("queue", "publish"));
    assertThat(options.allResourceTypes().all())
        .extracting(ResourceType::name)
        .containsExactly("db", "system", "orders", "queue");
    // the declared type is one core checks permissions against
    options.allResourceTypes().check(Permissions.of(Permission.parse("orders:*:read")));
  }

  @Test
  void permissionTokensFile_reachesTheLauncherWithHomeExpanded() {
    ServeOptions options =
        serve(new CliRunner(home), "--permission-tokens-file", "~/tokens/permission-tokens.json");

    assertThat(options.permissionTokensFile())
        .isEqualTo(Optional.of(home.resolve("tokens/permission-tokens.json")));
  }

  @Test
  void permissionTokensFile_canComeFromItsTollgateVariable() {
    ServeOptions options =
        serve(new CliRunner(home).env("TOLLGATE_PERMISSION_TOKENS_FILE", "/etc/tollgate/p.json"));

    assertThat(options.permissionTokensFile())
        .isEqualTo(Optional.of(Path.of("/etc/tollgate/p.json")));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--resource-type orders | expected NAME=ACTION,ACTION",
        "--resource-type orders= | no actions after '='",
        "--resource-type =read | empty name",
        "--resource-type orders=read,,write | empty action",
        "--resource-type orders=read, | empty action",
        "--resource-type orders=read,read | lists an action twice",
        "--resource-type Orders=read | is not a lower-case word",
        "--resource-type orders=Read | is not a lower-case word",
        "--resource-type or:ders=read | is not a lower-case word",
        "--resource-type orders=*,read | is not a lower-case word",
        "--resource-type db=read,write,delete | db is built in and cannot be redefined",
        "--resource-type system=read | system is built in and cannot be redefined",
        "--resource-type orders=read --resource-type orders=write | declared twice",
        "--permission-tokens-file | Missing required parameter"
      })
  void invalidValues_areUsageErrorsAndNothingStarts(String args, String message) {
    CliRunner cli = new CliRunner(home);

    Result result = cli.run(("serve " + args).split(" "));

    assertThat(result.exitCode()).as(result.err()).isEqualTo(2);
    assertThat(result.err())
        .startsWith("error: ")
        .contains(message)
        .contains("tollgate serve --help");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void launcherRefusingAnInputFile_isItsMessageAloneAndExit1() {
    CliRunner cli =
        new CliRunner(home)
            .launcher(
                options -> {
                  throw new IllegalArgumentException(
                      "--permission-tokens-file /p.json: token 0 (a): action not supported, drop");
                });

    Result result = cli.run("serve", "--permission-tokens-file", "/p.json");

    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "error: --permission-tokens-file /p.json: token 0 (a): action not supported, drop\n");
  }

  @Test
  void resourceTypeDeclaration_isTheRecordCoreBuilds() {
    assertThat(List.of(new Converters.ResourceTypeDeclaration().convert("orders=read,write")))
        .containsExactly(ResourceType.anyName("orders", "read", "write"));
  }
}
