package io.tollgate.cli;

import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.domain.Description;
import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.InvalidInputException;
import io.tollgate.core.domain.Lifetime;
import io.tollgate.core.domain.Permission;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.TokenName;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "token",
    description = {
      "Create the operator token (_admin), a named admin token, a resource token (--permission),"
          + " or regenerate the operator token.",
      "With --offline the token is generated locally and saved for 'tollgate serve"
          + " --admin-token-file'."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate create token --admin",
      "  tollgate create token --admin --name ci-bot --expiry 30d --token \"$TOLLGATE_AUTH_TOKEN\"",
      "  tollgate create token --admin --regenerate --yes --format json",
      "  tollgate create token --admin --regenerate --host http://127.0.0.1:8182  # recovery",
      "  tollgate create token --admin --offline --output-file ./admin-token.json",
      "  tollgate create token --name dashboard --permission \"db:metrics:read\" \\",
      "      --permission \"system:health:read\" --expiry 90d",
      "  tollgate create token --name ingest --permission \"db:a,b:write\" --offline \\",
      "      --output-file ./permission-tokens.json"
    })
final class CreateTokenCommand implements Callable<Integer> {

  static final String REGENERATE_PROMPT =
      "Are you sure you want to regenerate admin token? Enter 'yes' to confirm";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--admin",
      description = "Create an admin token (the operator token, or a named one with --name).")
  boolean admin;

  @Option(
      names = "--permission",
      paramLabel = "PERMISSION",
      converter = Converters.PermissionText.class,
      description =
          "Create a resource token with --name that may do only this: TYPE:NAMES:ACTIONS, e.g."
              + " db:a,b:read,write or system:health:read; * means all names or all actions;"
              + " repeatable.")
  List<Permission> permissions;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "Name of a named admin token; without it, the operator token _admin.")
  String name;

  @Option(
      names = "--expiry",
      paramLabel = "DURATION",
      converter = Durations.Converter.class,
      description =
          "Named tokens only: expires after DURATION, as influxdb3 takes it, e.g. 30s, 15m, 12h,"
              + " 10d, 2w, 1M, 1y, 1h30m, 2h30min, '1h 30m', 30days, 1month, 1year (m is"
              + " minutes, M months; a month is 30.44 days, a year 365.25) (default: never).")
  Duration expiry;

  @Option(
      names = "--description",
      paramLabel = "TEXT",
      description = "Named tokens only: a description stored with the token.")
  String description;

  @Option(
      names = "--regenerate",
      description = "Replace the operator token's secret; the old one stops working at once.")
  boolean regenerate;

  @Option(names = "--yes", description = "Do not ask for confirmation before --regenerate.")
  boolean yes;

  @Option(
      names = "--format",
      converter = Converters.TokenFormats.class,
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  TokenOutputFormat format;

  @Option(
      names = "--offline",
      description = "Do not contact a server: generate the token locally into --output-file.")
  boolean offline;

  @Option(
      names = "--output-file",
      paramLabel = "FILE",
      description = "With --offline: write the token file here (mode 0600, atomic).")
  Path outputFile;

  @Option(names = "--force", description = "With --offline: replace an existing --output-file.")
  boolean force;

  @Mixin ClientOptions client;

  CreateTokenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    validate();
    if (permissions != null) {
      return createResourceToken();
    }
    Optional<TokenName> tokenName = Optional.ofNullable(name).map(this::namedToken);
    Optional<Description> desc = Optional.ofNullable(description).map(this::validDescription);
    if (offline) {
      return writeOffline(tokenName);
    }
    TokenApiClient api = new TokenApiClient(client.settings());
    String token;
    if (regenerate) {
      if (!yes) {
        new Confirmation(context.env(), spec.commandLine().getErr())
            .require(
                REGENERATE_PROMPT, Set.of("yes"), "Cannot regenerate token without confirmation");
      }
      token = api.regenerateOperatorToken();
    } else if (tokenName.isPresent()) {
      token =
          api.createNamedAdminToken(
              tokenName.get().value(),
              Optional.ofNullable(expiry).map(Duration::getSeconds),
              desc.map(Description::value));
    } else {
      token = api.createOperatorToken();
    }
    new TokenPrinter(context.env().colour())
        .print(
            spec.commandLine().getOut(), token, format == null ? TokenOutputFormat.TEXT : format);
    return 0;
  }

  private void validate() {
    if (permissions != null) {
      validateResourceToken();
      return;
    }
    if (!admin) {
      throw usage(
          "missing --admin or --permission: use 'tollgate create token --admin' for the operator"
              + " token, 'tollgate create token --admin --name NAME [--expiry DURATION]' for a"
              + " named admin token, or 'tollgate create token --name NAME --permission"
              + " TYPE:NAMES:ACTIONS' for a resource token");
    }
    if (regenerate && name != null) {
      throw usage(
          "--regenerate cannot be used with --name, --regenerate only applies for operator token");
    }
    if (name == null && expiry != null) {
      throw usage("--expiry requires --name: the operator token never expires");
    }
    if (name == null && description != null) {
      throw usage("--description requires --name");
    }
    if (offline) {
      if (outputFile == null) {
        throw usage("--offline requires --output-file FILE");
      }
      if (regenerate) {
        throw usage("--regenerate needs a running server; it cannot be used with --offline");
      }
      if (format != null) {
        throw usage("--format does not apply to --offline: the token is written to --output-file");
      }
      if (description != null) {
        throw usage("--description cannot be stored in an --offline token file");
      }
    } else {
      if (outputFile != null) {
        throw usage("--output-file requires --offline");
      }
      if (force) {
        throw usage("--force applies only to --offline --output-file");
      }
    }
  }

  /** A resource token: --name and --permission, never --admin or --regenerate. */
  private void validateResourceToken() {
    if (admin) {
      throw usage(
          "--permission cannot be used with --admin: an admin token holds every permission;"
              + " leave out --admin to create a resource token");
    }
    if (regenerate) {
      throw usage("--regenerate applies only to the operator token, not with --permission");
    }
    if (yes) {
      throw usage("--yes applies only to --admin --regenerate");
    }
    if (name == null) {
      throw usage("--permission requires --name NAME: a resource token is always named");
    }
    if (offline) {
      if (outputFile == null) {
        throw usage("--offline requires --output-file FILE");
      }
      if (format != null) {
        throw usage("--format does not apply to --offline: the token is written to --output-file");
      }
      if (description != null) {
        throw usage("--description cannot be stored in an --offline token file");
      }
    } else if (outputFile != null) {
      throw usage("--output-file requires --offline");
    } else if (force) {
      throw usage("--force applies only to --offline --output-file");
    }
  }

  /** {@code POST /api/v3/enterprise/configure/token}, or the offline permission-tokens file. */
  private int createResourceToken() {
    TokenName tokenName = namedToken(name);
    Permissions checked;
    try {
      checked = Permissions.of(permissions);
    } catch (InvalidInputException e) {
      throw usage("--permission: " + e.getMessage());
    }
    if (checked.isAdmin()) {
      throw usage(
          "--permission *:*:*: resource type * is for admin tokens only; use 'tollgate create"
              + " token --admin --name NAME' for a named admin token");
    }
    if (offline) {
      String token = new SecureRandomSecretGenerator().generate().value();
      OfflineTokenFile file = new OfflineTokenFile();
      file.write(
          outputFile,
          file.permissionTokensContent(token, tokenName.value(), expiryMillis(), checked),
          force);
      spec.commandLine().getOut().println("Token saved to: " + outputFile);
      return 0;
    }
    Optional<Description> desc = Optional.ofNullable(description).map(this::validDescription);
    String token =
        new TokenApiClient(client.settings())
            .createResourceToken(
                tokenName.value(),
                checked.asList(),
                Optional.ofNullable(expiry).map(Duration::getSeconds),
                desc.map(Description::value));
    new TokenPrinter(context.env().colour())
        .print(
            spec.commandLine().getOut(), token, format == null ? TokenOutputFormat.TEXT : format);
    return 0;
  }

  private Optional<Long> expiryMillis() {
    if (expiry == null) {
      return Optional.empty();
    }
    try {
      Expiry at =
          Lifetime.ofSeconds(expiry.getSeconds()).expiryFrom(context.env().clock().instant());
      return at.asInstant().map(instant -> instant.toEpochMilli());
    } catch (InvalidInputException e) {
      throw usage("--expiry " + e.getMessage());
    }
  }

  private int writeOffline(Optional<TokenName> tokenName) {
    Optional<Long> expiryMillis = expiryMillis();
    String token = new SecureRandomSecretGenerator().generate().value();
    OfflineTokenFile file = new OfflineTokenFile();
    String fileName = tokenName.orElse(TokenName.OPERATOR).value();
    file.write(outputFile, file.content(token, fileName, expiryMillis), force);
    spec.commandLine().getOut().println("Token saved to: " + outputFile);
    return 0;
  }

  private TokenName namedToken(String value) {
    try {
      return TokenName.named(value);
    } catch (InvalidInputException e) {
      throw usage("--name: " + e.getMessage());
    }
  }

  private Description validDescription(String value) {
    try {
      return Description.of(value);
    } catch (InvalidInputException e) {
      throw usage("--description: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
