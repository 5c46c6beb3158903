package io.tollgate.cli;

import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "copy",
    description = {
      "Copy the whole store at --from into the empty store at --to: from one node's data directory"
          + " to a PostgreSQL database several nodes share, and back.",
      "Everything that defines the store is copied: every token (id, name, hash, permissions,"
          + " description, status, times), the id counter (ids are never reused), the hashes"
          + " imported from token files, the audit log and its fingerprint key, the recovery"
          + " code's hash, and the store's cluster id, so every token authenticates against the"
          + " copy exactly as against the source. Token strings are not stored anywhere, so none"
          + " is shown.",
      "The target must be empty (a new data directory, or a database with no Tollgate data); it"
          + " is written in one transaction, so a failure leaves it empty, then read back and"
          + " compared token by token. A data directory a running server holds is refused: stop"
          + " the server first. The source is only read."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate store copy --from ~/.tollgate --to postgresql://tollgate@db.example:5432/tollgate",
      "  tollgate store copy --from postgresql://tollgate@db.example/tollgate --to /var/lib/tollgate2"
    })
final class StoreCopyCommand implements Callable<Integer> {

  /** A URL's scheme ({@code mysql://}, {@code jdbc:mysql:}); one letter is a Windows drive. */
  private static final Pattern SCHEME =
      Pattern.compile("^((?:jdbc:)?[A-Za-z][A-Za-z0-9+.-]+):(//)?");

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "DIR|URL",
      description =
          "The store to copy: a data directory (holding tollgate.db) or"
              + " postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR|URL",
      description = "The empty store to copy into: a data directory or a PostgreSQL URL.")
  String to;

  @Option(names = "--yes", description = "Do not ask for confirmation.")
  boolean yes;

  StoreCopyCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    StoreEndpoint source = endpoint("--from", from);
    StoreEndpoint target = endpoint("--to", to);
    if (same(source, target)) {
      throw new ParameterException(
          spec.commandLine(), "--from and --to name the same store (" + source + ")");
    }
    if (!yes) {
      new Confirmation(context.env(), spec.commandLine().getErr())
          .require(
              "Copy the store at "
                  + source
                  + " into the empty store at "
                  + target
                  + "? Enter 'yes' to confirm",
              Set.of("yes", "y"),
              "Cannot copy without confirmation; nothing was written");
    }
    LocalStores.CopySummary copied;
    try {
      copied = context.stores().copyStore(source, target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .println(
            "Copied "
                + count(copied.tokens(), "token")
                + ", "
                + count(copied.importedHashes(), "imported hash")
                + ", "
                + count(copied.auditEntries(), "audit line")
                + (copied.recoveryCode() ? " and the recovery code" : " and no recovery code")
                + " from "
                + source
                + " to "
                + target
                + "; verified");
    return 0;
  }

  private static String count(int n, String what) {
    String plural = what.endsWith("sh") ? what + "es" : what + "s";
    return n + " " + (n == 1 ? what : plural);
  }

  /**
   * A PostgreSQL URL, or a data directory; any other URL scheme is refused naming only its scheme
   * (the rest may hold a password).
   */
  private StoreEndpoint endpoint(String option, String value) {
    if (value.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + " is empty");
    }
    boolean postgres =
        value.startsWith("postgresql://")
            || value.startsWith("postgres://")
            || value.startsWith("jdbc:postgresql:");
    if (postgres) {
      try {
        return new StoreUrl(value);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
      }
    }
    Matcher scheme = SCHEME.matcher(value);
    if (scheme.find() && (scheme.group(2) != null || scheme.group(1).startsWith("jdbc:"))) {
      throw new ParameterException(
          spec.commandLine(),
          option
              + ": unknown store scheme '"
              + scheme.group(1)
              + "': give a data directory or a PostgreSQL URL ("
              + StoreUrl.ACCEPTED_FORMS
              + ")");
    }
    Path home = context.env().userHome();
    return new StoreEndpoint.DataDirectory(Converters.expandHome(value, home));
  }

  private static boolean same(StoreEndpoint a, StoreEndpoint b) {
    if (a instanceof StoreEndpoint.DataDirectory x && b instanceof StoreEndpoint.DataDirectory y) {
      return x.dir().toAbsolutePath().normalize().equals(y.dir().toAbsolutePath().normalize());
    }
    return a instanceof StoreUrl x && b instanceof StoreUrl y && x.url().equals(y.url());
  }
}
