package io.tollgate.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one pretty-table renderer: natural, fitted by its shrinkable columns, or as records. */
class PrettyTableTest {
  private static final List<String> HEADER = List.of("id", "name", "note");
  private static final List<List<String>> ROWS =
      List.of(List.of("1", "ci", "deploys the site"), List.of("22", "ops", ""));
  private static final List<PrettyTable.Shrinkable> NOTE =
      List.of(new PrettyTable.Shrinkable("note", 4));

  @Test
  void natural_isTheInfluxdb3Table_everyCellWhole() {
    assertThat(PrettyTable.render(HEADER, ROWS))
        .isEqualTo(
            "+----+------+------------------+\n"
                + "| id | name | note             |\n"
                + "+----+------+------------------+\n"
                + "| 1  | ci   | deploys the site |\n"
                + "| 22 | ops  |                  |\n"
                + "+----+------+------------------+\n");
    assertThat(PrettyTable.render(HEADER, ROWS, PrettyTable.UNLIMITED, NOTE))
        .isEqualTo(PrettyTable.render(HEADER, ROWS));
  }

  @Test
  void noRows_isTheHeaderBetweenTwoBorders_whateverTheWidth() {
    String expected = "+----+------+------+\n| id | name | note |\n+----+------+------+\n";
    assertThat(PrettyTable.render(HEADER, List.of())).isEqualTo(expected);
    assertThat(PrettyTable.render(HEADER, List.of(), 5, NOTE)).isEqualTo(expected);
  }

  @Test
  void tooWide_cutsTheShrinkableColumnWithAnEllipsis_toTheExactWidth() {
    String table = PrettyTable.render(HEADER, ROWS, 24, NOTE);

    assertThat(table).contains("| 1  | ci   | deploys\u2026 |");
    assertThat(table.lines()).allSatisfy(line -> assertThat(line).hasSize(24));
  }

  @Test
  void stillTooWide_isOneRecordPerRow_otherValuesWhole() {
    String records = PrettyTable.render(HEADER, ROWS, 12, NOTE);

    assertThat(records)
        .isEqualTo(
            "-[ RECORD 1 ]\n"
                + "id   | 1\n"
                + "name | ci\n"
                + "note | depl\u2026\n"
                + "-[ RECORD 2 ]\n"
                + "id   | 22\n"
                + "name | ops\n"
                + "note |\n");
  }

  @Test
  void widths_countCodePoints_andCutsNeverSplitASurrogatePair() {
    assertThat(PrettyTable.width("a\uD83D\uDE00b")).isEqualTo(3);
    assertThat(PrettyTable.cut("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", 2))
        .isEqualTo("\uD83D\uDE00\u2026");
    assertThat(PrettyTable.cut("short", 5)).isEqualTo("short");
  }
}
