package io.tollgate.bench.baseline;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The CLI baseline: a picocli command with {@code --version}, packaged alone as {@code
 * bench/target/hello-picocli.jar}.
 */
@Command(name = "hello", mixinStandardHelpOptions = true, version = "hello 1.0")
public final class HelloPicocli implements Callable<Integer> {

  @Override
  public Integer call() {
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new HelloPicocli()).execute(args));
  }
}
