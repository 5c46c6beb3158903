package io.tollgate.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvLineTest {

  private static String line(String... cells) {
    StringBuilder out = new StringBuilder();
    CsvLine.append(out, List.of(cells));
    return out.toString();
  }

  @Test
  void plainCells_areJoinedByCommas_andTheLineEndsWithALineFeed() {
    assertThat(line("name", "", "*:*:*")).isEqualTo("name,,*:*:*\n");
  }

  @Test
  void aCellWithACommaQuoteOrLineBreak_isQuoted_withItsQuotesDoubled() {
    assertThat(line("a,b", "say \"hi\"", "two\nlines", "cr\rhere", "plain"))
        .isEqualTo("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",plain\n");
  }

  @Test
  void noCells_isAnEmptyLine() {
    assertThat(line()).isEqualTo("\n");
  }

  @Test
  void linesAppendToWhatIsThere() {
    StringBuilder out = new StringBuilder("header\n");
    CsvLine.append(out, List.of("x"));
    assertThat(out).hasToString("header\nx\n");
  }
}
