package io.tollgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class BindAddressTest {

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:8181, 127.0.0.1, 8181",
    "0.0.0.0:0, 0.0.0.0, 0",
    "localhost:65535, localhost, 65535",
    "[::1]:8182, ::1, 8182",
    "[::]:80, ::, 80"
  })
  void parse_acceptsHostColonPortWithPortsFrom0To65535(String text, String host, int port) {
    assertThat(BindAddress.parse(text)).isEqualTo(new BindAddress(host, port));
  }

  @Test
  void toString_bracketsIpv6Hosts() {
    assertThat(BindAddress.parse("[::1]:8182")).hasToString("[::1]:8182");
    assertThat(BindAddress.parse("127.0.0.1:8181")).hasToString("127.0.0.1:8181");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "8181",
        ":8181",
        "127.0.0.1",
        "127.0.0.1:",
        "127.0.0.1:65536",
        "127.0.0.1:-1",
        "127.0.0.1:http",
        "127.0.0.1:99999999999",
        "::1:8181",
        "[::1]",
        "[::1]8181",
        "http://127.0.0.1:8181",
        "a b:80"
      })
  void parse_rejectsAnythingButHostColonPort(String text) {
    assertThatThrownBy(() -> BindAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid");
  }
}
