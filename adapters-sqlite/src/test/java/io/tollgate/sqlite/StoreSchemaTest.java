package io.tollgate.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StoreSchemaTest {

  @Test
  void canonicalText_isExactlyWhatTheMigrationsBuildAtTheLatestVersion() throws IOException {
    String committed;
    try (InputStream in = StoreSchema.class.getResourceAsStream(StoreSchema.CANONICAL)) {
      assertThat(in).as(StoreSchema.CANONICAL + " next to StoreSchema").isNotNull();
      committed = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    String withoutComments =
        committed
            .lines()
            .filter(line -> !line.startsWith("#"))
            .map(line -> line + "\n")
            .collect(Collectors.joining());

    // On a new migration, this fails: put the text it names into the file, below its comments.
    assertThat(withoutComments)
        .as("the canonical schema after a change of the migrations")
        .isEqualTo(StoreSchema.canonicalText(StoreSchema.builtByMigrations(Migrations.LATEST)));
  }

  @Test
  void expected_atTheLatestVersion_isTheCanonicalSchema_andOlderOnesAreBuiltByTheMigrations() {
    assertThat(StoreSchema.expected(Migrations.LATEST))
        .isEqualTo(StoreSchema.canonical())
        .isEqualTo(StoreSchema.builtByMigrations(Migrations.LATEST));
    assertThat(StoreSchema.expected(Migrations.LATEST - 1))
        .isEqualTo(StoreSchema.builtByMigrations(Migrations.LATEST - 1))
        .isNotEqualTo(StoreSchema.canonical());
  }
}
