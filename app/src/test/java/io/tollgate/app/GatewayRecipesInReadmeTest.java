package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's nginx and Caddy recipes are the files {@link GatewaysIT} runs with real gateways,
 * verbatim: if either side changes alone, this fails.
 */
class GatewayRecipesInReadmeTest {
  private static final Path README = Path.of("..", "README.md");

  @Test
  void readme_containsEachTestedGatewayConfigurationVerbatim() throws IOException {
    String readme = Files.readString(README);

    assertThat(readme)
        .contains(
            "```nginx\n"
                + Files.readString(Gateway.CONFIGS.resolve("nginx-tollgate.conf"))
                + "```\n")
        .contains("```caddy\n" + Files.readString(Gateway.CONFIGS.resolve("Caddyfile")) + "```\n")
        .contains(
            "```json\n" + Files.readString(Gateway.CONFIGS.resolve("authz-rules.json")) + "```\n");
  }

  @Test
  void readme_saysPlainlyThatTraefikAndEnvoyAreUntested() throws IOException {
    String readme = Files.readString(README);

    assertThat(readme).contains("**Traefik** (ForwardAuth) — *untested here*");
    assertThat(readme).contains("**Envoy** (`ext_authz` HTTP service) — *untested here*");
  }
}
