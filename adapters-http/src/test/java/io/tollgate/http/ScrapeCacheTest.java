package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ScrapeCacheTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final AtomicInteger renderings = new AtomicInteger();

  private ScrapeCache cache() {
    return new ScrapeCache(
        () -> "rendering " + renderings.incrementAndGet(), Duration.ofSeconds(1), now::get);
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Test
  void scrapesWithinTheInterval_shareOneRendering() {
    ScrapeCache cache = cache();
    assertThat(text(cache.bytes())).isEqualTo("rendering 1");
    now.addAndGet(Duration.ofMillis(999).toNanos());
    assertThat(text(cache.bytes())).isEqualTo("rendering 1");
    assertThat(renderings).hasValue(1);
  }

  @Test
  void aScrapeAfterTheInterval_rendersAfresh() {
    ScrapeCache cache = cache();
    cache.bytes();
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(text(cache.bytes())).isEqualTo("rendering 2");
  }

  @Test
  void whileOneScrapeRenders_theOthersTakeThePreviousTextWithoutWaiting() throws Exception {
    CountDownLatch renderingStarted = new CountDownLatch(1);
    CountDownLatch finishRendering = new CountDownLatch(1);
    ScrapeCache cache =
        new ScrapeCache(
            () -> {
              int n = renderings.incrementAndGet();
              if (n == 2) {
                renderingStarted.countDown();
                await(finishRendering);
              }
              return "rendering " + n;
            },
            Duration.ofSeconds(1),
            now::get);
    cache.bytes();
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<byte[]> slow = pool.submit(cache::bytes);
      assertThat(renderingStarted.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(text(cache.bytes())).isEqualTo("rendering 1");
      finishRendering.countDown();
      assertThat(text(slow.get(10, TimeUnit.SECONDS))).isEqualTo("rendering 2");
      assertThat(text(cache.bytes())).isEqualTo("rendering 2");
      assertThat(renderings).hasValue(2);
    } finally {
      finishRendering.countDown();
      pool.shutdownNow();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
