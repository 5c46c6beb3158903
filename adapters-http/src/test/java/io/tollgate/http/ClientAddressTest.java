package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.javalin.Javalin;
import io.tollgate.core.crypto.SecureRandomSecretGenerator;
import io.tollgate.core.crypto.Sha512TokenHasher;
import io.tollgate.core.memory.InMemoryTokenStore;
import io.tollgate.core.service.TokenService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client address: the peer, or the right-most untrusted {@code X-Forwarded-For} hop when the
 * peer is a trusted proxy.
 */
class ClientAddressTest {
  private final ClientAddress loopback =
      ClientAddress.trusting(ClientAddress.DEFAULT_TRUSTED_PROXIES);

  @Test
  void anUntrustedPeer_isTheClient_whateverItForwards() {
    assertThat(loopback.resolve("203.0.113.9", List.of("198.51.100.1"))).isEqualTo("203.0.113.9");
  }

  @Test
  void aTrustedPeer_namesTheRightMostUntrustedHop() {
    ClientAddress proxies = ClientAddress.trusting("127.0.0.0/8,::1,10.0.0.0/8");

    assertThat(proxies.resolve("127.0.0.1", List.of("198.51.100.7, 203.0.113.5, 10.1.2.3")))
        .isEqualTo("203.0.113.5");
    assertThat(proxies.resolve("::1", List.of("198.51.100.7", "10.0.0.1")))
        .isEqualTo("198.51.100.7");
    assertThat(proxies.resolve("127.0.0.1", List.of("[2001:db8::1]:443")))
        .isEqualTo("2001:db8:0:0:0:0:0:1");
    assertThat(proxies.resolve("127.0.0.1", List.of("198.51.100.7:5000")))
        .isEqualTo("198.51.100.7");
  }

  @Test
  void whenEveryHopIsTrusted_theLeftMostIsTheClient() {
    assertThat(loopback.resolve("127.0.0.1", List.of("127.0.0.5, 127.0.0.9")))
        .isEqualTo("127.0.0.5");
  }

  @Test
  void aHopThatIsNotAnAddress_endsTheWalk_atTheTrustedHopThatAddedIt() {
    assertThat(loopback.resolve("127.0.0.1", List.of("198.51.100.7, evil.example, 127.0.0.2")))
        .isEqualTo("127.0.0.2");
    assertThat(loopback.resolve("127.0.0.1", List.of("x".repeat(10_000)))).isEqualTo("127.0.0.1");
    assertThat(loopback.resolve("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
  }

  @Test
  void anEmptyList_trustsNoProxy() {
    assertThat(ClientAddress.trusting("").resolve("127.0.0.1", List.of("198.51.100.7")))
        .isEqualTo("127.0.0.1");
  }

  @Test
  void aBadTrustedProxiesValue_isRefused_namingIt() {
    for (String bad : new String[] {"10.0.0.0/33", "example.com", "10.0.0.0/x", "1.2.3", ","}) {
      assertThatThrownBy(() -> ClientAddress.trusting(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("--trusted-proxies");
    }
  }

  @Test
  void cidrBlocks_containTheirAddresses_andIpv4MappedOnes() {
    ClientAddress.Cidr block = ClientAddress.Cidr.parse("192.168.0.0/16");
    assertThat(block.contains(ClientAddress.literal("192.168.4.4"))).isTrue();
    assertThat(block.contains(ClientAddress.literal("192.169.0.1"))).isFalse();
    assertThat(block.contains(ClientAddress.literal("::ffff:192.168.1.1"))).isTrue();
  }

  @Test
  void thePipeline_setsTheClientAddressAsARequestAttribute() throws Exception {
    TokenService authority =
        new TokenService(
            new InMemoryTokenStore(),
            new Sha512TokenHasher(),
            new SecureRandomSecretGenerator(),
            Clock.systemUTC());
    String secret = authority.createOperatorToken().secret().value();
    Javalin app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.registerPlugin(new TollgateJavalin(authority, options -> {}));
                  config.routes.get(
                      "/client", ctx -> ctx.result(ctx.<String>attribute(ClientAddress.ATTRIBUTE)));
                })
            .start("127.0.0.1", 0);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/client"))
                      .header("Authorization", "Bearer " + secret)
                      .header("X-Forwarded-For", "198.51.100.7, 127.0.0.1")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(response.body()).isEqualTo("198.51.100.7");
    } finally {
      app.stop();
    }
  }
}
