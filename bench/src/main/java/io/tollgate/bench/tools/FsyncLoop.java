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
 * <p>Usage: {@code FsyncLoop DIR SECONDS}
 */
public final class FsyncLoop {

  private FsyncLoop() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    double seconds = Double.parseDouble(args[1]);
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
}
