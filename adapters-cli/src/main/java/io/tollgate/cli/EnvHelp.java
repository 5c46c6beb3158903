package io.tollgate.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.IHelpFactory;
import picocli.CommandLine.Model.CommandSpec;

/**
 * picocli's help, with one more line under every option that has {@link Env} variables: {@code
 * [env: TOLLGATE_X, then INFLUXDB3_X]}. The line is rendered from the same annotation the {@link
 * EnvDefaultProvider} reads, so the help names exactly the variables that work, in their order.
 */
final class EnvHelp implements IHelpFactory {

  @Override
  public Help create(CommandSpec spec, ColorScheme colours) {
    return new Help(spec, colours) {
      @Override
      public IOptionRenderer createDefaultOptionRenderer() {
        IOptionRenderer standard = super.createDefaultOptionRenderer();
        return (option, labels, scheme) -> {
          Text[][] rows = standard.render(option, labels, scheme);
          List<String> names = EnvDefaultProvider.variables(option);
          if (names.isEmpty() || rows.length == 0) {
            return rows;
          }
          int columns = rows[0].length;
          Text[] line = new Text[columns];
          for (int i = 0; i < columns - 1; i++) {
            line[i] = scheme.text("");
          }
          line[columns - 1] = scheme.text(line(names));
          List<Text[]> all = new ArrayList<>(Arrays.asList(rows));
          all.add(line);
          return all.toArray(new Text[0][]);
        };
      }
    };
  }

  /** {@code [env: A, then B]}. */
  static String line(List<String> names) {
    return "[env: " + String.join(", then ", names) + "]";
  }
}
