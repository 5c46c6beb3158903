package io.tollgate.bench.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk baseline for the named-token creation rate: appends 4 KiB and calls {@code
 * FileChannel.force(true)} in a loop for the given seconds, in a file in the given directory (put
 * it on the same disk as the store). Prints the operations per second.
 *
 * <p>With {@code WORK_MICROS}, each write comes after that many microseconds of busy CPU on the
 * loop's thread, as a server's synced write comes after the work of its request: on a virtual
 * machine whose idle CPUs sleep, a sync that follows a pause in disk traffic can take several times
 * as long as one in a tight loop, and this measures by how much.
 *
 * <p>Usage: {@code FsyncLoop DIR SECONDS [WORK_MICROS]}
 */
public final class FsyncLoop {

  /** Read by nothing; keeps the busy loop from being optimized away. */
  private static volatile long spun;

  private FsyncLoop() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
    long workNanos = args.length > 2 ? Math.round(Double.parseDouble(args[2]) * 1_000) : 0;
    Files.createDirectories(dir);
    Path file = dir.resolve("fsync-loop.bin");
    Files.deleteIfExists(file);
    ByteBuffer block = ByteBuffer.allocateDirect(4096);
    for (int i = 0; i < 4096; i++) {
      block.put(i, (byte) i);
    }
    try (FileChannel channel =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.APPEND)) {
      long deadline = System.nanoTime() + (long) (seconds * 1e9);
      long start = System.nanoTime();
      long ops = 0;
      while (System.nanoTime() < deadline) {
        work(workNanos);
        block.clear();
        while (block.hasRemaining()) {
          channel.write(block);
        }
        channel.force(true);
        ops++;
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      System.out.printf("%.1f%n", ops / elapsed);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Keeps the calling thread's CPU busy for {@code nanos}. */
  static void work(long nanos) {
    if (nanos <= 0) {
      return;
    }
    long end = System.nanoTime() + nanos;
    long turns = 0;
    while (System.nanoTime() < end) {
      turns++;
    }
    spun = turns;
  }
}
