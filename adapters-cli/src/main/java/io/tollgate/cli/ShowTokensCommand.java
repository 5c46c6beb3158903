package io.tollgate.cli;

import io.tollgate.core.text.PrettyTable;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(
    name = "tokens",
    description = {
      "List the tokens (never their secrets), as 'SELECT * FROM system.tokens' on the _internal"
          + " database."
    },
    sortOptions = false,
    footerHeading = "%nExamples:%n",
    footer = {
      "  tollgate show tokens",
      "  tollgate show tokens --format json | jq .",
      "  tollgate show tokens --format csv --output tokens.csv"
    })
final class ShowTokensCommand implements Callable<Integer> {

  /** The formats {@code /api/v3/query_sql} returns, and parquet, which Tollgate cannot write. */
  enum Format {
    PRETTY,
    JSON,
    JSONL,
    CSV,
    PARQUET;

    /**
     * What the server sent, safe for a terminal ({@link TerminalText}): JSON keeps its meaning with
     * unsafe characters escaped; pretty and CSV lose them.
     */
    String printable(String body) {
      return this == JSON || this == JSONL
          ? TerminalText.escapedForJson(body)
          : TerminalText.printable(body);
    }

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Why {@code --format parquet} is refused: the one maintained Java writer, parquet-hadoop, writes
   * without Hadoop only by going around its API, and its reader needs Hadoop, so what it writes
   * could not be checked without Hadoop on the class path. README, Dependencies, says more.
   */
  static final String PARQUET_UNAVAILABLE =
      "--format parquet is not available: the Java parquet library needs Hadoop to read back what"
          + " it writes, which Tollgate does not ship; use --format csv or json";

  private final CliContext context;

  @Spec CommandSpec spec;

  @Mixin HelpOption help;

  @Option(
      names = "--format",
      converter = Converters.QueryFormats.class,
      paramLabel = "FORMAT",
      defaultValue = "pretty",
      description =
          "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). parquet needs"
              + " --output and is refused: see README (Dependencies).")
  Format format;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "Write the listing to FILE instead of stdout: mode 0600, complete or not at all (a"
              + " temporary file beside it, then renamed); an existing file is replaced, a"
              + " symbolic link refused.")
  String output;

  @Mixin ClientOptions client;

  ShowTokensCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (format == Format.PARQUET) {
      throw new ParameterException(
          spec.commandLine(),
          output == null
              ? "--format parquet writes a binary file: it requires --output FILE"
              : PARQUET_UNAVAILABLE);
    }
    Path file = output == null ? null : Converters.expandHome(output, context.env().userHome());
    TokenApiClient api = new TokenApiClient(client.settings());
    int width = file == null ? TerminalWidth.of(context.env()) : TerminalWidth.UNLIMITED;
    if (format == Format.PRETTY && width != TerminalWidth.UNLIMITED) {
      Optional<String> fitted = fitted(api.showTokens(Format.JSON.toString()), width);
      if (fitted.isPresent()) {
        PrintWriter out = spec.commandLine().getOut();
        out.print(fitted.get());
        out.flush();
        return 0;
      }
    }
    String body = api.showTokens(format.toString());
    String text = format.printable(body);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      text += "\n";
    }
    if (file != null) {
      OwnerOnlyFile.write(
          file, text.getBytes(StandardCharsets.UTF_8), OwnerOnlyFile.Existing.REPLACE_REGULAR_FILE);
      return 0;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.print(text);
    out.flush();
    return 0;
  }

  /**
   * The server's JSON rows as a pretty table fitted to {@code width}: Tollgate's columns in their
   * order, then any other the server sent; empty when the body is not a list of rows.
   */
  private static Optional<String> fitted(String json, int width) {
    Optional<List<Map<String, String>>> rows = CliJson.rows(json);
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    List<String> header = new ArrayList<>(TokenTable.header());
    for (Map<String, String> row : rows.get()) {
      for (String name : row.keySet()) {
        if (!header.contains(name)) {
          header.add(name);
        }
      }
    }
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, String> row : rows.get()) {
      List<String> line = new ArrayList<>();
      for (String name : header) {
        line.add(TokenTable.prettyCell(name, row.get(name)));
      }
      cells.add(line);
    }
    List<String> names = new ArrayList<>();
    header.forEach(name -> names.add(TerminalText.printable(name)));
    return Optional.of(PrettyTable.render(names, cells, width, TokenTable.SHRINKABLE));
  }
}
