package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The environment variables of every option, checked against picocli's own model: each variable
 * works, the first one set wins, and the help names them all.
 */
class EnvironmentVariablesTest {

  /** Two valid values for each option that has variables; a new such option must be added. */
  private static final Map<String, List<String>> SAMPLES =
      Map.ofEntries(
          Map.entry("--host", List.of("http://a.example:1", "http://b.example:2")),
          Map.entry("--token", List.of("apiv3_a", "apiv3_b")),
          Map.entry("--tls-ca", List.of("/a.pem", "/b.pem")),
          Map.entry("--tls-no-verify", List.of("false", "true")),
          Map.entry("--http-bind", List.of("127.0.0.1:1", "0.0.0.0:2")),
          Map.entry("--data-dir", List.of("/a", "/b")),
          Map.entry("--without-auth", List.of("false", "true")),
          Map.entry("--disable-authz", List.of("health", "ping,metrics")),
          Map.entry("--admin-token-recovery-http-bind", List.of("127.0.0.1:3", "[::1]:4")),
          Map.entry("--admin-token-file", List.of("/a.json", "/b.json")),
          Map.entry("--tls-cert", List.of("/a-cert.pem", "/b-cert.pem")),
          Map.entry("--tls-key", List.of("/a-key.pem", "/b-key.pem")),
          Map.entry("--tls-key-password-file", List.of("/a-pass.txt", "/b-pass.txt")),
          Map.entry("--log-level", List.of("warn", "debug")),
          Map.entry("--cors-allow-origin", List.of("https://a.example", "https://b.example")),
          Map.entry("--permission-tokens-file", List.of("/a-perm.json", "/b-perm.json")),
          Map.entry("--without-console", List.of("false", "true")),
          Map.entry("--authz-rules", List.of("/a-rules.json", "/b-rules.json")),
          Map.entry("--trusted-proxies", List.of("10.0.0.0/8", "192.168.0.0/16")),
          Map.entry("--auth-failure-limit", List.of("5/1m", "0")),
          Map.entry("--log-format", List.of("json", "text")),
          Map.entry("--access-log", List.of("false", "true")),
          Map.entry("--shutdown-grace", List.of("1s", "500ms")),
          Map.entry("--audit-log", List.of("/a-audit.jsonl", "/b-audit.jsonl")),
          Map.entry("--audit-retention", List.of("90d", "1h")),
          Map.entry(
              "--store",
              List.of("postgresql://a@db.example/a", "jdbc:postgresql://db.example/b?user=b")),
          Map.entry("--max-staleness", List.of("2s", "1m")),
          Map.entry("--last-used-interval", List.of("5s", "off")));

  @TempDir Path home;

  private record Case(List<String> command, OptionSpec option, List<String> variables) {}

  @Test
  void eachVariable_setsItsOption_asTheSameValueOnTheCommandLineWould() {
    for (Case c : cases()) {
      String sample = SAMPLES.get(c.option().longestName()).get(1);
      Object fromCommandLine = valueOf(c, Map.of(), commandLine(c, sample));
      for (String variable : c.variables()) {
        Object fromVariable = valueOf(c, Map.of(variable, sample), c.command());
        assertThat(fromVariable).as(c.command() + " " + variable).isEqualTo(fromCommandLine);
      }
    }
  }

  @Test
  void firstVariableSet_winsOverTheLaterOnes_andTheCommandLineWinsOverAll() {
    for (Case c : cases()) {
      List<String> samples = SAMPLES.get(c.option().longestName());
      Map<String, String> env = new HashMap<>();
      for (int i = 0; i < c.variables().size(); i++) {
        env.put(c.variables().get(i), samples.get(i == 0 ? 0 : 1));
      }
      String label = c.command() + " " + c.option().longestName();
      assertThat(valueOf(c, env, c.command()))
          .as(label)
          .isEqualTo(valueOf(c, Map.of(), commandLine(c, samples.get(0))));
      if (!isBoolean(c.option())) {
        assertThat(valueOf(c, env, commandLine(c, samples.get(1))))
            .as(label)
            .isEqualTo(valueOf(c, Map.of(), commandLine(c, samples.get(1))));
      }
    }
  }

  @Test
  void everyOptionWithVariables_namesThemInItsHelp_inOrder() {
    List<Case> cases = cases();
    assertThat(cases).hasSizeGreaterThan(20);
    for (Case c : cases) {
      String usage = usage(c.command()).replaceAll("\\s+", "");
      assertThat(usage)
          .as(c.command() + " " + c.option().longestName())
          .contains(EnvHelp.line(c.variables()).replaceAll("\\s+", ""));
    }
  }

  @Test
  void theVariablesInfluxdb3Reads_areAllMapped_afterTollgatesOwn() {
    Map<String, String> influxdb3 =
        Map.ofEntries(
            Map.entry("--host", "INFLUXDB3_HOST_URL"),
            Map.entry("--token", "INFLUXDB3_AUTH_TOKEN"),
            Map.entry("--tls-ca", "INFLUXDB3_TLS_CA"),
            Map.entry("--tls-no-verify", "INFLUXDB3_TLS_NO_VERIFY"),
            Map.entry("--http-bind", "INFLUXDB3_HTTP_BIND_ADDR"),
            Map.entry("--data-dir", "INFLUXDB3_DB_DIR"),
            Map.entry("--without-auth", "INFLUXDB3_START_WITHOUT_AUTH"),
            Map.entry("--disable-authz", "INFLUXDB3_DISABLE_AUTHZ"),
            Map.entry(
                "--admin-token-recovery-http-bind",
                "INFLUXDB3_ADMIN_TOKEN_RECOVERY_HTTP_BIND_ADDR"),
            Map.entry("--admin-token-file", "INFLUXDB3_ADMIN_TOKEN_FILE"),
            Map.entry("--tls-cert", "INFLUXDB3_TLS_CERT"),
            Map.entry("--tls-key", "INFLUXDB3_TLS_KEY"),
            Map.entry("--log-level", "LOG_FILTER"));
    Set<String> seen = new java.util.HashSet<>();
    for (Case c : cases()) {
      String name = c.option().longestName();
      if (influxdb3.containsKey(name)) {
        assertThat(c.variables()).as(name).contains(influxdb3.get(name));
        assertThat(c.variables().get(0)).as(name).startsWith("TOLLGATE_");
        seen.add(name);
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(influxdb3.keySet());
  }

  @Test
  void everyInfluxdb3ServeVariable_reachesServeOptions() {
    CliRunner cli =
        new CliRunner(home)
            .env("INFLUXDB3_HTTP_BIND_ADDR", "0.0.0.0:8181")
            .env("INFLUXDB3_DB_DIR", "/var/lib/influxdb3")
            .env("INFLUXDB3_START_WITHOUT_AUTH", "true")
            .env("INFLUXDB3_DISABLE_AUTHZ", "health,ping")
            .env("INFLUXDB3_ADMIN_TOKEN_RECOVERY_HTTP_BIND_ADDR", "127.0.0.1:8182")
            .env("INFLUXDB3_ADMIN_TOKEN_FILE", "/run/secrets/admin-token.json")
            .env("INFLUXDB3_TLS_CERT", "/etc/tls/cert.pem")
            .env("INFLUXDB3_TLS_KEY", "/etc/tls/key.pem")
            .env("LOG_FILTER", "debug");

    CliRunner.Result result = cli.run("serve");

    assertThat(result.exitCode()).as(result.err()).isZero();
    assertThat(cli.launched())
        .containsExactly(
            ServeOptions.builder(new BindAddress("0.0.0.0", 8181), Path.of("/var/lib/influxdb3"))
                .withoutAuth(true)
                .disableAuthz(Set.of(ExemptEndpoint.HEALTH, ExemptEndpoint.PING))
                .adminTokenRecoveryHttpBind(Optional.of(new BindAddress("127.0.0.1", 8182)))
                .adminTokenFile(Optional.of(Path.of("/run/secrets/admin-token.json")))
                .tls(
                    Optional.of(Path.of("/etc/tls/cert.pem")),
                    Optional.of(Path.of("/etc/tls/key.pem")))
                .logLevel(LogLevel.DEBUG)
                .build());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "LOG_FILTER | trace | TRACE",
        "INFLUXDB3_LOG_FILTER | info,iox_query::query_log=warn | INFO",
        "INFLUXDB3_LOG_FILTER | iox=debug,warn | WARN"
      })
  void logFilter_plainLevelOrInfluxdb3Directive_setsTheLevel(
      String variable, String value, LogLevel level) {
    CliRunner cli = new CliRunner(home).env(variable, value);

    assertThat(cli.run("serve").exitCode()).isZero();
    assertThat(cli.launched().get(0).logLevel()).isEqualTo(level);
  }

  @Test
  void logFilter_withNoLevel_isAUsageErrorAndNothingStarts() {
    CliRunner cli = new CliRunner(home).env("LOG_FILTER", "iox=debug");

    CliRunner.Result result = cli.run("serve");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.err()).contains("names no level");
    assertThat(cli.launched()).isEmpty();
  }

  @Test
  void influxdb3DataDirVariable_reachesTheOfflineCommandsToo() {
    CliRunner cli = new CliRunner(home).env("INFLUXDB3_DB_DIR", "/srv/store");

    cli.run("recovery", "list");

    assertThat(cli.stores().calls()).anyMatch(call -> call.contains("/srv/store"));
  }

  private List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    collect(commandLine(Map.of()).getCommandSpec(), new ArrayList<>(), cases);
    return cases;
  }

  private static void collect(CommandSpec spec, List<String> path, List<Case> cases) {
    for (OptionSpec option : spec.options()) {
      List<String> variables = EnvDefaultProvider.variables(option);
      if (!variables.isEmpty()) {
        assertThat(SAMPLES)
            .as("a sample for " + option.longestName())
            .containsKey(option.longestName());
        cases.add(new Case(List.copyOf(path), option, variables));
      }
    }
    spec.subcommands()
        .forEach(
            (name, sub) -> {
              List<String> next = new ArrayList<>(path);
              next.add(name);
              collect(sub.getCommandSpec(), next, cases);
            });
  }

  private static List<String> commandLine(Case c, String value) {
    List<String> args = new ArrayList<>(c.command());
    if (isBoolean(c.option())) {
      if (Boolean.parseBoolean(value)) {
        args.add(c.option().longestName());
      }
    } else {
      args.add(c.option().longestName());
      args.add(value);
    }
    return args;
  }

  private static boolean isBoolean(OptionSpec option) {
    return option.type() == boolean.class || option.type() == Boolean.class;
  }

  private Object valueOf(Case c, Map<String, String> env, List<String> arguments) {
    List<String> args = new ArrayList<>(arguments);
    CommandLine leaf = commandLine(env);
    for (String name : c.command()) {
      leaf = leaf.getSubcommands().get(name);
    }
    for (OptionSpec required :
        leaf.getCommandSpec().requiredArgs().stream()
            .filter(OptionSpec.class::isInstance)
            .map(OptionSpec.class::cast)
            .toList()) {
      args.add(required.longestName());
      if (required.arity().max() > 0) {
        args.add("x");
      }
    }
    ParseResult result = commandLine(env).parseArgs(args.toArray(new String[0]));
    while (result.hasSubcommand()) {
      result = result.subcommand();
    }
    return result.commandSpec().findOption(c.option().longestName()).getValue();
  }

  private String usage(List<String> path) {
    CommandLine cmd = commandLine(Map.of());
    for (String name : path) {
      cmd = cmd.getSubcommands().get(name);
    }
    return cmd.getUsageMessage(CommandLine.Help.Ansi.OFF);
  }

  private CommandLine commandLine(Map<String, String> variables) {
    CliEnvironment env =
        new CliEnvironment(
            variables,
            new ByteArrayInputStream(new byte[0]),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false,
            Clock.systemUTC(),
            home);
    return TollgateCli.commandLine(env, options -> null, new FakeLocalStores());
  }
}
