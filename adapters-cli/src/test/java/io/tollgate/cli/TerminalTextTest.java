package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {

  /** Rows are {@code input | printed}, with Java escapes written out as {@code \}{@code uXXXX}. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "plain text, ünïcode 名前 🚀 | plain text, ünïcode 名前 🚀",
        "keeps\\nnewline\\tand tab | keeps\\nnewline\\tand tab",
        "osc8 \\u001b]8;;http://evil\\u0007link\\u001b]8;;\\u0007 | osc8 link",
        "osc title \\u001b]0;owned\\u001b\\\\after | osc title after",
        "clear\\u001b[2Jscreen\\u001b[H | clearscreen",
        "colour \\u001b[1;31mred\\u001b[0m | colour red",
        "private \\u001b[?1049h mode | private  mode",
        "two-char \\u001bcreset | two-char reset",
        "charset \\u001b(Bascii | charset ascii",
        "c1 csi \\u009b2J and osc \\u009d0;x\\u009c done | c1 csi  and osc  done",
        "c1 nel\\u0085 | c1 nel",
        "dcs \\u001bPq#0;2;0;0;0\\u001b\\\\ end | dcs  end",
        "unterminated \\u001b]8;;http://evil | `unterminated `",
        "osc cut by csi \\u001b]0;t\\u001b[2Jx | osc cut by csi x",
        "bidi \\u202eevil\\u202c \\u2066iso\\u2069 \\u200f. | bidi evil iso .",
        "zero\\u200bwidth\\ufeff | zerowidth",
        "cr\\r bs\\b bel\\u0007 nul\\u0000 del\\u007f | cr bs bel nul del",
        "separators\\u2028\\u2029 | separators",
        "lone \\ud800 surrogate \\udc00. | lone  surrogate .",
        "trailing escape\\u001b | trailing escape"
      })
  void printable_removesEscapeSequencesAndUnsafeCharactersWhole(String input, String printed) {
    assertThat(TerminalText.printable(unescape(input))).isEqualTo(unescape(printed));
  }

  @Test
  void printable_returnsSafeTextUnchangedAndNullAsNull() {
    String safe = "nothing to do here\n";
    assertThat(TerminalText.printable(safe)).isSameAs(safe);
    assertThat(TerminalText.printable(null)).isNull();
  }

  @Test
  void escapedForJson_keepsTheMeaningButShowsNoUnsafeCharacter() throws Exception {
    String name = "evil\u202e\u001b[2J\u200b\u0085 🚀";
    String raw = "[{\"name\":\"" + name + "\"}]";

    String escaped = TerminalText.escapedForJson(raw);

    assertThat(escaped)
        .isEqualTo("[{\"name\":\"evil\\u202E\\u001B[2J\\u200B\\u0085 🚀\"}]")
        .doesNotContain("\u001b", "\u202e", "\u200b", "\u0085");
    assertThat(new ObjectMapper().readTree(escaped).get(0).get("name").asText()).isEqualTo(name);
  }

  private static String unescape(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\\' || i + 1 >= text.length()) {
        out.append(c);
        continue;
      }
      char next = text.charAt(++i);
      switch (next) {
        case 'n':
          out.append('\n');
          break;
        case 't':
          out.append('\t');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'b':
          out.append('\b');
          break;
        case 'u':
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default:
          out.append(next);
      }
    }
    return out.toString();
  }
}
