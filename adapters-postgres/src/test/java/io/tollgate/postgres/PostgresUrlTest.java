package io.tollgate.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresUrlTest {

  @Test
  void libpqForm_givesHostsDatabaseUserAndPasswordApart() {
    PostgresUrl url = PostgresUrl.parse("postgresql://tollgate:s3cr%40t@db.example:6543/tokens");

    assertThat(url.user()).isEqualTo("tollgate");
    assertThat(url.password()).isEqualTo("s3cr@t");
    assertThat(url.location()).isEqualTo("db.example:6543/tokens");
    assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example:6543/tokens");
  }

  @Test
  void portDefaultsTo5432_andPostgresSchemeIsAccepted() {
    assertThat(PostgresUrl.parse("postgres://u@localhost/db").location())
        .isEqualTo("localhost:5432/db");
  }

  @Test
  void jdbcForm_takesUserAndPasswordFromParameters_andPassesTheOthersToTheDriver() {
    PostgresUrl url =
        PostgresUrl.parse(
            "jdbc:postgresql://h1:5432,h2:5433/db?user=u&password=pw&sslmode=require"
                + "&targetServerType=primary");

    assertThat(url.user()).isEqualTo("u");
    assertThat(url.password()).isEqualTo("pw");
    assertThat(url.jdbcUrl())
        .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/db?sslmode=require&targetServerType=primary");
  }

  @Test
  void password_isNeverInTheRedactedFormToStringOrTheDriverUrl() {
    PostgresUrl libpq =
        PostgresUrl.parse("postgresql://u:hunter2@host:5432/db?sslmode=verify-full");
    PostgresUrl jdbc = PostgresUrl.parse("jdbc:postgresql://host/db?user=u&password=hunter2");

    for (PostgresUrl url : new PostgresUrl[] {libpq, jdbc}) {
      assertThat(url.toString())
          .doesNotContain("hunter2")
          .startsWith("postgresql://u@host:5432/db");
      assertThat(url.redacted()).doesNotContain("hunter2");
      assertThat(url.jdbcUrl()).doesNotContain("hunter2").doesNotContain("u@");
      assertThat(url.scrub("login failed with hunter2")).isEqualTo("login failed with ***");
    }
  }

  @Test
  void ipv6Hosts_areKeptWithTheirBrackets() {
    assertThat(PostgresUrl.parse("postgresql://u@[::1]:5433/db").location())
        .isEqualTo("[::1]:5433/db");
  }

  @Test
  void invalidUrls_areRefusedWithAReasonThatNeverRepeatsThePassword() {
    String[] invalid = {
      "",
      "mysql://u:topsecret@h/db",
      "postgresql://u:topsecret@h:99999/db",
      "postgresql://u:topsecret@h:port/db",
      "postgresql://u:topsecret@h",
      "postgresql://u:topsecret@h/",
      "postgresql://u:topsecret@/db",
      "postgresql://u:top%zzsecret@h/db",
      "postgresql://u:topsecret@h/db?socketFactory=com.example.Evil",
      "postgresql://u:topsecret@h/db?loggerFile=/tmp/x",
      "postgresql://u:top secret@h/db",
      "jdbc:postgresql:db?password=topsecret",
    };
    for (String text : invalid) {
      assertThatThrownBy(() -> PostgresUrl.parse(text), text)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("invalid PostgreSQL store URL: ")
          .message()
          .doesNotContain("topsecret")
          .doesNotContain("top%zzsecret");
    }
  }

  @Test
  void looksLikePostgres_tellsUrlsFromDataDirectories() {
    assertThat(PostgresStores.isPostgresUrl("postgresql://u@h/db")).isTrue();
    assertThat(PostgresStores.isPostgresUrl("postgres://u@h/db")).isTrue();
    assertThat(PostgresStores.isPostgresUrl("jdbc:postgresql://h/db")).isTrue();
    assertThat(PostgresStores.isPostgresUrl("/var/lib/tollgate")).isFalse();
    assertThat(PostgresStores.isPostgresUrl(null)).isFalse();
  }

  @Test
  void options_refuseValuesOutOfRange_andPollAtLeastTwicePerStaleness() {
    assertThatThrownBy(() -> PostgresOptions.DEFAULTS.withPoolSize(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize");
    assertThatThrownBy(() -> PostgresOptions.DEFAULTS.withMaxStaleness(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStaleness");
    assertThat(PostgresOptions.DEFAULTS.effectivePollInterval()).hasSeconds(5);
    assertThat(
            PostgresOptions.DEFAULTS
                .withMaxStaleness(java.time.Duration.ofSeconds(2))
                .effectivePollInterval())
        .hasSeconds(1);
  }

  @Test
  void applicationName_namesTheNodesConnections_pastTheDriverUrl() {
    PostgresUrl named = PostgresUrl.parse("postgresql://u@db/t?application_name=node-a&ssl=true");
    PostgresUrl jdbc = PostgresUrl.parse("jdbc:postgresql://db/t?ApplicationName=node-b");

    assertThat(named.applicationName()).isEqualTo("node-a");
    assertThat(named.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/t?ssl=true");
    assertThat(jdbc.applicationName()).isEqualTo("node-b");
    assertThat(PostgresUrl.parse("postgresql://u@db/t").applicationName()).isEqualTo("tollgate");
    assertThat(
            PostgresStores.driverProperties(named, PostgresOptions.DEFAULTS, " changes")
                .getProperty("ApplicationName"))
        .isEqualTo("node-a changes");
  }
}
