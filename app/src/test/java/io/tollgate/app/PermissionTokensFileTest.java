package io.tollgate.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tollgate.core.domain.Expiry;
import io.tollgate.core.domain.Permissions;
import io.tollgate.core.domain.ResourceType;
import io.tollgate.core.domain.ResourceTypes;
import io.tollgate.core.domain.TokenName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PermissionTokensFileTest {

  private static final String SECRET = "apiv3_" + "k".repeat(40);
  private static final String OTHER = "apiv3_" + "m".repeat(40);

  @TempDir Path dir;

  private Path file(String json) throws Exception {
    Path file = dir.resolve("tokens.json");
    Files.writeString(file, json.replace('\'', '"'));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return file;
  }

  @Test
  void read_givesEachTokenWithItsNameExpiryAndPermissions() throws Exception {
    Path file =
        file(
            "{'tokens':[{'token':'"
                + SECRET
                + "','name':'a','expiry_millis':1800000000000,"
                + "'permissions':['db:a,b:read,write','system:ping:read']},"
                + "{'token':'"
                + OTHER
                + "','name':'b','permissions':['orders:*:read']}]}");

    PermissionTokensFile read =
        PermissionTokensFile.read(
            file, ResourceTypes.builtIn().with(ResourceType.anyName("orders", "read")));

    assertThat(read.looselyReadable()).isFalse();
    assertThat(read.tokens()).hasSize(2);
    PermissionTokensFile.Entry first = read.tokens().get(0);
    assertThat(first.name()).isEqualTo(TokenName.of("a"));
    assertThat(first.secret().value()).isEqualTo(SECRET);
    assertThat(first.expiry()).isEqualTo(Expiry.atEpochMilli(1_800_000_000_000L));
    assertThat(first.permissions())
        .isEqualTo(Permissions.parse("db:a,b:read,write system:ping:read"));
    assertThat(read.tokens().get(1).expiry()).isEqualTo(Expiry.NEVER);
    assertThat(first.toString()).doesNotContain(SECRET);
  }

  @Test
  void read_warnsOfAFileReadableByOthers() throws Exception {
    Path file = file("{'tokens':[]}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    assertThat(PermissionTokensFile.read(file, ResourceTypes.builtIn()).looselyReadable()).isTrue();
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "[] | expected a JSON object {\"tokens\": [...]}",
        "{'tokens':{}} | expected a JSON object",
        "{'tokens':[1]} | token 0: expected an object",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:*:read'],'x':1}]}"
            + " | token 0: unknown field \"x\"",
        "{'tokens':[{'name':'a','permissions':['db:*:read']}]} | token 0: \"token\" must be a string",
        "{'tokens':[{'token':'SECRET','permissions':['db:*:read']}]} | \"name\" must be a string",
        "{'tokens':[{'token':'SECRET','name':'a'}]} | \"permissions\" must be a list",
        "{'tokens':[{'token':'apiv3_short','name':'a','permissions':['db:*:read']}]}"
            + " | token 0 (a): token must be at least 40 characters",
        "{'tokens':[{'token':'xpiv3_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa','name':'a',"
            + "'permissions':['db:*:read']}]} | token 0 (a): token must start with apiv3_",
        "{'tokens':[{'token':'SECRET','name':'','permissions':['db:*:read']}]} | token 0: token name",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':[]}]}"
            + " | token 0 (a): a token needs at least one permission",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:a, b:read']}]}"
            + " | must not contain spaces",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db::read']}]}"
            + " | empty list of resource names",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:a:read:x']}]} | two colons",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['orders:*:read']}]}"
            + " | resource type not supported",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:*:drop']}]}"
            + " | action not supported",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':[7]}]} | each permission must be",
        "{'tokens':[{'token':'SECRET','name':'_admin','permissions':['db:*:read']}]}"
            + " | the operator token _admin holds *:*:*",
        "{'tokens':[{'token':'SECRET','name':'a','expiry_millis':'soon','permissions':['db:*:read']}]}"
            + " | \"expiry_millis\" must be an integer",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:*:read']},"
            + "{'token':'OTHER','name':'a','permissions':['db:*:read']}]}"
            + " | token 1: the name a appears twice",
        "{'tokens':[{'token':'SECRET','name':'a','permissions':['db:*:read']},"
            + "{'token':'SECRET','name':'b','permissions':['db:*:read']}]}"
            + " | token 1: the same token string appears twice",
        "{'tokens': | not readable JSON"
      })
  void read_refusesABadFileNamingTheFileAndTheEntryButNeverTheToken(String json, String message)
      throws Exception {
    Path file = file(json.replace("SECRET", SECRET).replace("OTHER", OTHER));

    assertThatThrownBy(() -> PermissionTokensFile.read(file, ResourceTypes.builtIn()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--permission-tokens-file " + file + ": ")
        .hasMessageContaining(message)
        .hasMessageNotContaining("kkkkkkkkkk")
        .hasMessageNotContaining("mmmmmmmmmm")
        .hasMessageNotContaining("aaaaaaaaaa");
  }

  @Test
  void read_missingFileSaysSo() {
    Path missing = dir.resolve("nope.json");

    assertThatThrownBy(() -> PermissionTokensFile.read(missing, ResourceTypes.builtIn()))
        .hasMessage("--permission-tokens-file " + missing + ": no such file");
  }
}
