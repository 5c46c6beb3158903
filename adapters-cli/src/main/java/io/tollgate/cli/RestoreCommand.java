package io.tollgate.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "restore",
    description = {
      "Replace the store in the data directory with a backup made by 'tollgate backup'.",
      "Only while no server uses the data directory (stop it first). The backup must be a"
          + " Tollgate store that passes SQLite's integrity check and is no newer than this"
          + " version; otherwise nothing changes. The replacement is atomic; an older schema is"
          + " migrated when the store is next opened. Every token created after the backup stops"
          + " working, every token of the backup works again."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate restore --input ~/tollgate-2025-04-18.db",
      "  tollgate restore --input /backup/tollgate.db --data-dir /var/lib/tollgate --yes"
    })
final class RestoreCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "FILE",
      description = "The backup file to restore.")
  String input;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--yes",
      description = "Do not ask for confirmation before replacing an existing store.")
  boolean yes;

  RestoreCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = dataDir.resolve(context.env());
    Path file = Converters.expandHome(input, context.env().userHome());
    context.stores().verifyBackup(file);
    boolean replacing = Files.exists(dir.resolve(ServeOptions.DATABASE_FILE));
    if (replacing && !yes) {
      new Confirmation(context.env(), spec.commandLine().getErr())
          .require(
              "Are you sure you want to replace the store in "
                  + dir
                  + " with "
                  + file
                  + "? Its current tokens will be lost. Enter 'yes' to confirm",
              Set.of("yes", "y"),
              "Cannot restore without confirmation; " + dir + " was not changed");
    }
    context.stores().restore(file, dir);
    spec.commandLine().getOut().println("Restored " + dir + " from " + file);
    return 0;
  }
}
