package io.tollgate.cli;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "backup",
    description = {
      "Write a consistent copy of the store in the data directory to --output, also while a"
          + " server runs: SQLite's online backup over a read-only connection, so the server keeps"
          + " serving and writing meanwhile.",
      "The file is created with mode 0600 and appears complete or not at all. It holds token"
          + " hashes, never token strings; restore it with 'tollgate restore'."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate backup --output ~/tollgate-$(date +%%F).db",
      "  tollgate backup --data-dir /var/lib/tollgate --output /backup/tollgate.db --force"
    })
final class BackupCommand implements Callable<Integer> {

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Mixin DataDirOption dataDir;

  @Option(
      names = "--output",
      required = true,
      paramLabel = "FILE",
      description = "The backup file to write.")
  String output;

  @Option(names = "--force", description = "Replace an existing --output file.")
  boolean force;

  BackupCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    Path dir = dataDir.resolve(context.env());
    Path file = Converters.expandHome(output, context.env().userHome());
    if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new CliFailure(
          file + " already exists; refusing to overwrite it", "use --force to replace it", null);
    }
    context.stores().backup(dir, file, force);
    spec.commandLine().getOut().println("Backup of " + dir + " written to " + file);
    return 0;
  }
}
