package io.tollgate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A chunked body whose stream ends inside a chunk, the end arrived before the handler looks (it
 * starts 300 ms after the client has sent everything and closed its side): both the drop that never
 * waits ({@link UnreadBody#discardArrived}) and the read that may ({@link BodyWaits#read}) throw
 * the failure, which is a 400, and never take what arrived for the whole body.
 */
class BrokenBodyEndTest {
  private static final String BROKEN =
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n100\r\n{\"token_name\": \"x\"}";

  private Javalin app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.stop();
    }
  }

  @Test
  void theDropThatNeverWaits_throwsTheEarlyEnd() {
    start(
        ctx -> {
          UnreadBody.discardArrived(ctx);
          ctx.result("dropped");
        });

    assertThat(
            RawHttp.sendThenEndStream(app.port(), "POST /body HTTP/1.1\r\nHost: t\r\n" + BROKEN)
                .status())
        .isEqualTo(400);
  }

  @Test
  void theReadThatMayWait_throwsTheEarlyEnd() {
    BodyWaits waits = new BodyWaits();
    start(ctx -> ctx.result(waits.read(ctx, 1000)));

    assertThat(
            RawHttp.sendThenEndStream(app.port(), "POST /body HTTP/1.1\r\nHost: t\r\n" + BROKEN)
                .status())
        .isEqualTo(400);
  }

  /**
   * A server whose one route waits 300 ms (everything has arrived by then) and runs {@code read}.
   */
  private void start(Handler read) {
    app =
        Javalin.create(
                config -> {
                  config.startup.showJavalinBanner = false;
                  config.routes.post(
                      "/body",
                      ctx -> {
                        Thread.sleep(300);
                        read.handle(ctx);
                      });
                  config.routes.exception(
                      UncheckedIOException.class, (e, ctx) -> ctx.status(400).result("broken"));
                })
            .start("127.0.0.1", 0);
  }
}
