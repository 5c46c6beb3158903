package io.tollgate.bench.baseline;

import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The start-up and throughput baseline: a minimal Javalin server with {@code GET /health -> 200}
 * and {@code GET /ping -> 200} with a body like Tollgate's (it ignores any Authorization header),
 * packaged alone as {@code bench/target/hello-javalin.jar}. Usage: {@code java -jar
 * hello-javalin.jar PORT [DIR]}.
 *
 * <p>With a directory, it also answers {@code POST /api/v3/configure/token/named_admin} with 201
 * after appending 4 KiB to a file there and forcing it to disk ({@code FileChannel.force(true)}):
 * the least a durable creation over HTTP can cost, one request's round trip and one synced write,
 * for the creation-rate row's note.
 */
public final class HelloJavalin {

  static final String PING_BODY = "{\"version\":\"0.1.0-SNAPSHOT\",\"revision\":\"unknown\"}";

  static final String CREATED_BODY = "{\"id\":1,\"name\":\"x\",\"token\":\"apiv3_x\"}";

  private HelloJavalin() {}

  public static void main(String[] args) throws IOException {
    int port = Integer.parseInt(args[0]);
    SyncedAppends appends = args.length > 1 ? new SyncedAppends(Path.of(args[1])) : null;
    Javalin.create(
            config -> {
              config.routes.get("/health", ctx -> ctx.result("OK"));
              config.routes.get(
                  "/ping", ctx -> ctx.contentType("application/json").result(PING_BODY));
              if (appends != null) {
                config.routes.post(
                    "/api/v3/configure/token/named_admin",
                    ctx -> {
                      ctx.bodyAsBytes();
                      appends.appendAndSync();
                      ctx.status(201).contentType("application/json").result(CREATED_BODY);
                    });
              }
            })
        .start("127.0.0.1", port);
  }

  /** 4 KiB appended and forced to disk per call, one call at a time. */
  private static final class SyncedAppends {

    private final FileChannel channel;
    private final ByteBuffer block = ByteBuffer.allocateDirect(4096);

    SyncedAppends(Path dir) throws IOException {
      Files.createDirectories(dir);
      Path file = dir.resolve("fsync-per-request.bin");
      Files.deleteIfExists(file);
      channel =
          FileChannel.open(
              file,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      for (int i = 0; i < 4096; i++) {
        block.put(i, (byte) i);
      }
    }

    synchronized void appendAndSync() {
      try {
        block.clear();
        while (block.hasRemaining()) {
          channel.write(block);
        }
        channel.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
