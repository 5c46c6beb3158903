package io.tollgate.app;

/** The {@code tollgate} executable. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // Replaced by the CLI once it lands.
    System.out.println("tollgate 0.1.0-SNAPSHOT");
  }
}
