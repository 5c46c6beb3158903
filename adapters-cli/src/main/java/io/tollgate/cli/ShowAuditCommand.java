package io.tollgate.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "audit",
    description = {
      "Show the audit trail, newest first: token changes, recovery codes, failed authentications"
          + " and denied requests (never a secret). Admin tokens only."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate show audit --since 1h",
      "  tollgate show audit --action auth.failed --format jsonl"
    })
final class ShowAuditCommand implements Callable<Integer> {

  /** How the entries are printed. */
  enum Format {
    PRETTY,
    JSON,
    JSONL,
    CSV;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--since",
      paramLabel = "WHEN",
      description =
          "Only entries from WHEN on: a duration back from now (30m, 1h, 7d) or an RFC 3339 time"
              + " (2025-04-18T14:02:45Z).")
  String since;

  @Option(
      names = "--action",
      paramLabel = "ACTION",
      description =
          "Only entries of ACTION: token.created, token.regenerated, token.deleted, token.updated,"
              + " token.imported, recovery_code.issued, recovery_code.spent, auth.failed,"
              + " authz.denied.")
  String action;

  @Option(
      names = "--limit",
      paramLabel = "N",
      description = "At most N entries, 1 to 10000 (default: the server's, 100).")
  Integer limit;

  @Option(
      names = "--format",
      converter = Converters.AuditFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "pretty",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin ClientOptions client;

  ShowAuditCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (limit != null && (limit < 1 || limit > 10_000)) {
      throw new ParameterException(spec.commandLine(), "--limit must be 1 to 10000, got " + limit);
    }
    String body =
        new TokenApiClient(client.settings())
            .showAudit(since == null ? null : sinceTime(), action, limit);
    PrintWriter out = spec.commandLine().getOut();
    out.print(AuditTable.render(body, format));
    out.flush();
    return 0;
  }

  /** {@code --since} as the RFC 3339 time the server takes. */
  private String sinceTime() {
    try {
      return OffsetDateTime.parse(since, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .toString();
    } catch (DateTimeParseException notATime) {
      try {
        Duration back = Durations.parse(since);
        return Instant.now(context.env().clock()).minus(back).toString();
      } catch (IllegalArgumentException | ArithmeticException notADuration) {
        throw new ParameterException(
            spec.commandLine(),
            "--since '"
                + TerminalText.printable(since)
                + "' is neither a duration (30m, 1h, 7d) nor an RFC 3339 time"
                + " (2025-04-18T14:02:45Z)");
      }
    }
  }
}
