package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tollgate.core.testing.Prerequisite;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) driven by Selenium,
 * with the small vocabulary the console's browser tests share: open, sign in, wait, read the copy
 * dialog, screenshot, run axe-core. Without the browser the tests are skipped, unless {@code CI} is
 * set: then they fail.
 */
final class ConsoleBrowser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  final WebDriver driver;
  final String base;
  private final Path profile;
  private final List<String> browserLog = new ArrayList<>();

  private ConsoleBrowser(WebDriver driver, String base, Path profile) {
    this.driver = driver;
    this.base = base;
    this.profile = profile;
  }

  /** Fails under CI, skips elsewhere, when Chromium or chromedriver is missing. */
  static void requireChromium() {
    Prerequisite.require(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "the browser tests need "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
  }

  static ConsoleBrowser start(String base) {
    requireChromium();
    try {
      Path profile = Files.createTempDirectory("tollgate-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--user-data-dir=" + profile,
          "--window-size=1280,900");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
      Files.createDirectories(SCREENSHOTS);
      return new ConsoleBrowser(driver, base, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads {@code /console/} and waits for it to show a view. */
  void open() {
    driver.get(base + "/console/");
    waitUntil(
        () -> visible("sign-in-view") || visible("tokens-view") || !text("banner").isEmpty(),
        "the console to show a view");
  }

  /** A fresh tab state (no session), then signs in with {@code token}. */
  void signIn(String token) {
    open();
    script("sessionStorage.clear(); localStorage.clear();");
    open();
    WebElement input = byId("sign-in-token");
    input.clear();
    input.sendKeys(token);
    byId("sign-in-form").findElement(By.cssSelector("button[type=submit]")).click();
    waitUntil(() -> visible("tokens-view"), "the tokens view after signing in");
  }

  WebElement byId(String id) {
    return driver.findElement(By.id(id));
  }

  boolean visible(String id) {
    List<WebElement> found = driver.findElements(By.id(id));
    return !found.isEmpty() && found.get(0).isDisplayed();
  }

  String text(String id) {
    return byId(id).getText();
  }

  /** The row of the token named {@code name}. */
  WebElement row(String name) {
    return driver.findElement(By.cssSelector("tr[data-name='" + name + "']"));
  }

  boolean hasRow(String name) {
    return !driver.findElements(By.cssSelector("tr[data-name='" + name + "']")).isEmpty();
  }

  /** A row's button by its visible text. */
  WebElement rowButton(String name, String label) {
    return row(name).findElement(By.xpath(".//button[normalize-space(text())='" + label + "']"));
  }

  void waitUntil(java.util.function.BooleanSupplier condition, String what) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .withMessage("waiting for " + what)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> condition.getAsBoolean());
  }

  void waitVisible(String id) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /** Reads the secret from the copy dialog, then closes it with "Copy and close". */
  String takeSecretFromCopyDialog() {
    waitVisible("secret-dialog");
    String secret = byId("secret-value").getDomProperty("value");
    byId("secret-copy").click();
    closeCopyDialogIfCopyWasRefused();
    return secret;
  }

  /** Headless Chromium may refuse the clipboard: the dialog then offers Close. */
  void closeCopyDialogIfCopyWasRefused() {
    waitUntil(
        () -> !visible("secret-dialog") || visible("secret-close"), "the copy dialog to close");
    if (visible("secret-dialog")) {
      byId("secret-close").click();
      waitUntil(() -> !visible("secret-dialog"), "the copy dialog to close");
    }
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  /** The DOM, every field's value and both storages, as one string to search for secrets. */
  String everythingThePageHolds() {
    return driver.getPageSource()
        + "\n"
        + script(
            "return [...document.querySelectorAll('input, textarea')].map(e => e.value).join('\\n')"
                + " + '\\n' + JSON.stringify(Object.entries(sessionStorage))"
                + " + '\\n' + JSON.stringify(Object.entries(localStorage))"
                + " + '\\n' + document.title + '\\n' + location.href");
  }

  /** What the page has written to the browser's console so far (kept across calls). */
  List<String> browserLog() {
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      browserLog.add(entry.getMessage());
    }
    return browserLog;
  }

  void screenshot(String name) {
    Path file = SCREENSHOTS.resolve(name + ".png");
    try {
      Files.copy(
          ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** axe-core's violations of impact serious or critical on the page as it is now. */
  List<String> seriousAccessibilityViolations() {
    script(axeSource());
    Object result =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {resultTypes: ['violations']})"
                    + ".then(r => done(JSON.stringify(r.violations)))"
                    + ".catch(e => done(JSON.stringify([{id: 'axe-error', impact: 'critical',"
                    + " help: String(e), nodes: []}])));");
    List<String> serious = new ArrayList<>();
    try {
      for (JsonNode violation : new ObjectMapper().readTree((String) result)) {
        String impact = violation.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          violation.path("nodes").forEach(node -> targets.add(node.path("target").toString()));
          serious.add(
              violation.path("id").asText()
                  + " ("
                  + impact
                  + "): "
                  + violation.path("help").asText()
                  + " at "
                  + targets);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return serious;
  }

  private static String axeSource() {
    try (InputStream in = ConsoleBrowser.class.getResourceAsStream("/axe/axe.min.js")) {
      assertThat(in).as("axe-core in the test resources").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
    try (var files = Files.walk(profile)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temporary profile is harmless
    }
  }
}
