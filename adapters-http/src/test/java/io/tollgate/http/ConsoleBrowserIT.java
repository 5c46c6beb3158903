package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 18: the web console in real (headless) Chromium against a real server with real secrets.
 * The regeneration of {@code _admin} runs last: it changes the token the others sign in with.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
  private static final Pattern TOKEN = Pattern.compile("apiv3_[A-Za-z0-9_-]{86}");

  private static Harness harness;
  private static ConsoleBrowser browser;
  private static String operator;

  @BeforeAll
  static void start() {
    ConsoleBrowser.requireChromium();
    harness = Harness.startReal(config -> config);
    operator = harness.createOperator();
    browser = ConsoleBrowser.start(harness.server.uri().toString().replaceAll("/$", ""));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      List<String> log = browser.browserLog();
      browser.close();
      assertThat(String.join("\n", log)).doesNotContain("apiv3_");
    }
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  @Order(1)
  void signIn_refusesAStringThatIsNotATokenBeforeAnyRequest() {
    browser.open();
    browser.script("sessionStorage.clear()");
    browser.open();
    browser.screenshot("sign-in");
    browser.byId("sign-in-token").sendKeys("not-a-token");
    browser.byId("sign-in-token").sendKeys(Keys.ENTER);

    browser.waitVisible("sign-in-error");
    assertThat(browser.text("sign-in-error")).startsWith("This is not a Tollgate token");
    assertThat(browser.byId("sign-in-token").getAttribute("aria-invalid")).isEqualTo("true");
    Object apiCalls =
        browser.script(
            "return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/')).length");
    assertThat(apiCalls).isEqualTo(0L);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  @Order(2)
  void namedAdminToken_isShownOnceInTheCopyDialogAndNeverAgain() {
    browser.signIn(operator);
    browser.byId("new-admin").click();
    browser.waitVisible("create-dialog");
    browser.byId("create-name").sendKeys("ci-bot");
    browser.byId("create-description").sendKeys("the CI's deploy token");
    browser.byId("create-expiry").sendKeys("3");
    browser.screenshot("create-admin-token");
    browser.byId("create-submit").click();

    browser.waitVisible("secret-dialog");
    browser.screenshot("copy-dialog");
    String secret = browser.takeSecretFromCopyDialog();

    assertThat(secret).matches(TOKEN);
    assertThat(harness.get("/api/v3/configure/token", Harness.bearer(secret)).status())
        .isEqualTo(200);
    browser.waitUntil(() -> browser.hasRow("ci-bot"), "the new row");
    assertThat(browser.row("ci-bot").getText()).contains("admin").contains("in 3 days");
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret);
    browser.driver.navigate().refresh();
    browser.waitUntil(() -> browser.hasRow("ci-bot"), "the tokens view after a reload");
    // the GET above used ci-bot: the reloaded listing says how long ago, hover shows the time
    WebElement lastUsed =
        browser
            .row("ci-bot")
            .findElement(org.openqa.selenium.By.cssSelector("td[data-label='Last used']"));
    assertThat(lastUsed.getText()).endsWith(" ago");
    assertThat(lastUsed.getAttribute("title")).endsWith(" UTC");
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret);
    browser.screenshot("tokens");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  @Order(3)
  void resourceToken_withTwoPermissions_onceInactive_isRefusedByTheApi() {
    browser.signIn(operator);
    browser.byId("new-resource").click();
    browser.waitVisible("create-dialog");
    browser.byId("create-name").sendKeys("dashboards");
    browser.byId("perm-names-1").sendKeys("metrics_db, logs_db");
    checkAction(1, "read");
    checkAction(1, "write");
    browser.byId("add-permission").click();
    new org.openqa.selenium.support.ui.Select(browser.byId("perm-type-2")).selectByValue("system");
    browser.byId("perm-names-2").sendKeys("health");
    checkAction(2, "read");
    browser.screenshot("create-resource-token");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.byId("create-submit").click();
    String secret = browser.takeSecretFromCopyDialog();

    browser.waitUntil(() -> browser.hasRow("dashboards"), "the resource token's row");
    assertThat(browser.row("dashboards").getText())
        .contains("resource")
        .contains("db:metrics_db,logs_db:read,write")
        .contains("system:health:read")
        .contains("active");
    assertThat(harness.get("/health", Harness.bearer(secret)).status()).isEqualTo(200);

    browser.rowButton("dashboards", "Deactivate").click();
    browser.waitUntil(
        () -> browser.row("dashboards").getText().contains("inactive"), "the status inactive");
    assertThat(harness.get("/health", Harness.bearer(secret)).status()).isEqualTo(401);
    browser.rowButton("dashboards", "Activate").click();
    browser.waitUntil(
        () ->
            browser.hasRow("dashboards")
                && browser.row("dashboards").getText().contains("Deactivate"),
        "the status active");
    assertThat(harness.get("/health", Harness.bearer(secret)).status()).isEqualTo(200);
  }

  private static void checkAction(int permission, String action) {
    browser
        .byId("perm-names-" + permission)
        .findElement(org.openqa.selenium.By.xpath(".."))
        .findElement(
            org.openqa.selenium.By.cssSelector("input.perm-action[value='" + action + "']"))
        .click();
  }

  @Test
  @Order(4)
  void delete_needsTheNameTypedToConfirm() {
    harness.send(
        "POST",
        "/api/v3/configure/token/named_admin",
        "{\"token_name\": \"old-laptop\"}",
        Harness.bearerJson(operator));
    browser.signIn(operator);
    browser.rowButton("old-laptop", "Delete").click();
    browser.waitVisible("confirm-dialog");
    browser.byId("confirm-input").sendKeys("old-lap");
    browser.byId("confirm-submit").click();

    browser.waitVisible("confirm-error");
    assertThat(browser.text("confirm-error")).isEqualTo("Type old-laptop exactly to confirm.");
    assertThat(harness.get("/api/v3/configure/token", Harness.bearer(operator)).body())
        .contains("old-laptop");
    browser.screenshot("confirm-delete");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    browser.byId("confirm-input").sendKeys("top");
    browser.byId("confirm-submit").click();
    browser.waitUntil(() -> !browser.hasRow("old-laptop"), "the row to go");
    assertThat(harness.get("/api/v3/configure/token", Harness.bearer(operator)).body())
        .doesNotContain("old-laptop");
  }

  @Test
  @Order(5)
  void createFlow_worksWithTheKeyboardAlone() {
    browser.open();
    browser.script("sessionStorage.clear()");
    browser.open();
    assertThat(activeId()).isEqualTo("sign-in-token");
    keys(operator, Keys.ENTER);
    browser.waitUntil(() -> browser.visible("tokens-view"), "the tokens view");

    tabTo("new-admin");
    keys(Keys.ENTER);
    browser.waitVisible("create-dialog");
    assertThat(activeId()).isEqualTo("create-name");
    keys("keyboard-bot", Keys.TAB, "typed without a mouse", Keys.TAB, "2", Keys.TAB);
    assertThat(activeId()).isEqualTo("create-expiry-unit");
    keys(Keys.ARROW_DOWN);
    tabTo("create-submit");
    keys(Keys.SPACE);

    browser.waitVisible("secret-dialog");
    String secret = browser.byId("secret-value").getDomProperty("value");
    assertThat(secret).matches(TOKEN);
    tabTo("secret-copy");
    keys(Keys.ENTER);
    browser.waitUntil(
        () -> !browser.visible("secret-dialog") || browser.visible("secret-close"), "copy");
    if (browser.visible("secret-dialog")) {
      tabTo("secret-close");
      keys(Keys.SPACE);
    }
    browser.waitUntil(() -> browser.hasRow("keyboard-bot"), "the keyboard-made row");
    assertThat(browser.row("keyboard-bot").getText()).contains("in 2 weeks");
    assertThat(browser.everythingThePageHolds()).doesNotContain(secret);
  }

  @Test
  @Order(6)
  void narrowScreen_auditPlaceholder_andBadInput_areShownInWords() {
    browser.signIn(operator);
    browser.waitUntil(() -> browser.hasRow("dashboards"), "the rows of the earlier tests");
    browser.screenshot("tokens-several-kinds");
    browser.byId("new-admin").click();
    browser.waitVisible("create-dialog");
    browser.byId("create-name").sendKeys("_admin");
    browser.byId("create-description").sendKeys("x".repeat(1025));
    browser.byId("create-submit").click();
    assertThat(browser.text("create-name-error"))
        .isEqualTo("token name _admin is reserved for the operator token");
    assertThat(browser.text("create-description-error"))
        .isEqualTo("description must be at most 1024 characters, got 1025");
    browser.byId("create-cancel").click();

    browser.driver.manage().window().setSize(new Dimension(360, 800));
    try {
      browser.waitUntil(
          () -> ((Number) browser.script("return window.innerWidth")).intValue() <= 400,
          "a narrow window");
      Object overflow =
          browser.script(
              "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
      assertThat(((Number) overflow).intValue()).isLessThanOrEqualTo(0);
      browser.screenshot("tokens-360px");
      assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    } finally {
      browser.driver.manage().window().setSize(new Dimension(1280, 900));
    }
    browser.byId("show-audit").click();
    browser.waitVisible("audit-table");
    browser.waitUntil(
        () -> browser.byId("audit-body").getText().contains("token.created"),
        "the audit view lists the token.created entries");
    browser.screenshot("audit");
    assertThat(browser.byId("audit-body").getText())
        .contains("token.created")
        .contains("_admin")
        .contains("bootstrap")
        .doesNotContain(operator);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  @Order(7)
  void editDescription_filterSort_andRecoveryCode() {
    browser.signIn(operator);
    browser.rowButton("ci-bot", "Edit description").click();
    browser.waitVisible("describe-dialog");
    browser.byId("describe-input").clear();
    browser.byId("describe-input").sendKeys("deploys from main");
    browser.byId("describe-submit").click();
    browser.waitUntil(
        () -> browser.row("ci-bot").getText().contains("deploys from main"), "the description");
    assertThat(harness.get("/api/v3/configure/token", Harness.bearer(operator)).body())
        .contains("deploys from main");

    browser.byId("filter").sendKeys("resource");
    browser.waitUntil(() -> !browser.hasRow("ci-bot"), "the filter");
    assertThat(browser.hasRow("dashboards")).isTrue();
    browser.byId("filter").clear();
    browser.byId("filter").sendKeys(" ", Keys.BACK_SPACE);
    browser.waitUntil(() -> browser.hasRow("ci-bot"), "the filter cleared");
    browser
        .driver
        .findElement(org.openqa.selenium.By.cssSelector("button[data-sort=name]"))
        .click();
    assertThat(firstRowName()).isEqualTo("keyboard-bot");
    browser
        .driver
        .findElement(org.openqa.selenium.By.cssSelector("button[data-sort=kind]"))
        .click();
    assertThat(firstRowName()).isIn("ci-bot", "keyboard-bot");

    browser.byId("recovery-code").click();
    browser.waitVisible("secret-dialog");
    assertThat(browser.byId("secret-value").getDomProperty("value"))
        .matches("[A-Z0-9]{5}(-[A-Z0-9]{5}){4}");
    String code = browser.takeSecretFromCopyDialog();
    assertThat(browser.everythingThePageHolds()).doesNotContain(code);
  }

  private static String firstRowName() {
    return browser
        .driver
        .findElement(org.openqa.selenium.By.cssSelector("#tokens-body tr"))
        .getAttribute("data-name");
  }

  @Test
  @Order(99)
  void regenerateAdmin_signsOutTheOldSecret_andShowsTheNewOneOnce() {
    browser.signIn(operator);
    browser.waitUntil(() -> browser.text("who").equals("Signed in as _admin"), "who I am");
    browser.rowButton("_admin", "Regenerate").click();
    browser.waitVisible("confirm-dialog");
    browser.byId("confirm-input").sendKeys("regenerate");
    browser.byId("confirm-submit").click();
    String fresh = browser.takeSecretFromCopyDialog();

    assertThat(fresh).matches(TOKEN).isNotEqualTo(operator);
    browser.waitVisible("sign-in-view");
    assertThat(browser.text("sign-in-error")).contains("Sign in again");
    assertThat(harness.get("/api/v3/configure/token", Harness.bearer(operator)).status())
        .isEqualTo(401);
    assertThat(browser.everythingThePageHolds()).doesNotContain(fresh).doesNotContain(operator);
    operator = fresh;
    browser.signIn(operator);
    assertThat(browser.hasRow("_admin")).isTrue();
  }

  @Test
  @Order(100)
  void serverFailure_orDown_showsAMessageNotABlankPage() {
    browser.signIn(operator);
    harness.authority.breakStore();
    browser.byId("new-admin").click();
    browser.waitVisible("create-dialog");
    browser.byId("create-name").sendKeys("never-stored");
    browser.byId("create-submit").click();
    browser.waitVisible("create-error");
    assertThat(browser.text("create-error")).startsWith("The server failed (HTTP 503)");
    assertThat(browser.text("banner")).startsWith("The server failed (HTTP 503)");
    browser.byId("create-cancel").click();

    harness.server.stop();
    browser.byId("refresh").click();

    browser.waitVisible("banner");
    assertThat(browser.text("banner")).contains("cannot be reached");
    assertThat(browser.text("toolbar-error")).contains("cannot be reached");
    assertThat(browser.visible("tokens-view")).isTrue();
    browser.screenshot("server-down");
  }

  private static String activeId() {
    return browser.driver.switchTo().activeElement().getAttribute("id");
  }

  private static void keys(CharSequence... keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  /** Presses Tab (only) until {@code id} has the focus. */
  private static void tabTo(String id) {
    for (int i = 0; i < 40 && !id.equals(activeId()); i++) {
      keys(Keys.TAB);
    }
    assertThat(activeId()).as("Tab reaches " + id).isEqualTo(id);
  }
}
