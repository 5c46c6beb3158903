package io.tollgate.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * PEM files for HTTPS: an X.509 certificate chain and its private key (RSA or EC; PKCS#8, PKCS#1 or
 * SEC1, or encrypted PKCS#8 with {@code keyPassword}), reloaded when either file changes.
 *
 * @param certificate {@code --tls-cert}
 * @param privateKey {@code --tls-key}
 * @param keyPassword the password of an encrypted {@code --tls-key}; empty for a plain key
 */
public record TlsFiles(Path certificate, Path privateKey, Optional<KeyPassword> keyPassword) {

  /** The option a missing password is given with, for messages. */
  static final String PASSWORD_OPTIONS =
      "--tls-key-password-file FILE or the variable TOLLGATE_TLS_KEY_PASSWORD";

  public TlsFiles {
    if (certificate == null || privateKey == null) {
      throw new IllegalArgumentException("--tls-cert and --tls-key must be given together");
    }
    Objects.requireNonNull(keyPassword, "keyPassword");
  }

  /**
   * Both paths or neither: one without the other, or a password without a key, is a usage error.
   *
   * @param keyPassword null when none was given
   * @throws IllegalArgumentException if exactly one path is given, or a password without them
   */
  public static Optional<TlsFiles> of(Path certificate, Path privateKey, KeyPassword keyPassword) {
    if (certificate == null && privateKey == null) {
      if (keyPassword != null) {
        throw new IllegalArgumentException(
            "a TLS key password (" + keyPassword.source() + ") was given without --tls-key");
      }
      return Optional.empty();
    }
    if (certificate == null) {
      throw new IllegalArgumentException("--tls-key was given without --tls-cert");
    }
    if (privateKey == null) {
      throw new IllegalArgumentException("--tls-cert was given without --tls-key");
    }
    return Optional.of(new TlsFiles(certificate, privateKey, Optional.ofNullable(keyPassword)));
  }

  /**
   * Where the password of an encrypted {@code --tls-key} comes from: a file, read again each time
   * the key is (so a renewed key may come with a new password), or a value given once (an
   * environment variable). No {@code toString()} shows the password.
   */
  public sealed interface KeyPassword {

    /**
     * {@code --tls-key-password-file FILE}: its first line; a trailing newline is not part of it.
     */
    static KeyPassword file(Path file) {
      return new FromFile(Objects.requireNonNull(file, "file"));
    }

    /**
     * A password given directly.
     *
     * @param source where it came from, for messages (such as the variable's name)
     */
    static KeyPassword of(String password, String source) {
      Objects.requireNonNull(password, "password");
      if (password.isEmpty()) {
        throw new IllegalArgumentException(source + " is empty");
      }
      return new Given(password.toCharArray(), source);
    }

    /** A fresh copy of the password; the caller wipes it. */
    char[] read();

    /** Where the password comes from, for messages: never the password. */
    String source();

    /** The password file, if the password comes from one. */
    default Optional<Path> path() {
      return Optional.empty();
    }
  }

  private record FromFile(Path file) implements KeyPassword {
    private static final int MAX_BYTES = 4096;

    @Override
    public char[] read() {
      byte[] bytes;
      try {
        if (Files.size(file) > MAX_BYTES) {
          throw new IllegalArgumentException(source() + " is larger than 4 KiB");
        }
        bytes = Files.readAllBytes(file);
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException(source() + ": no such file", e);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "cannot read " + source() + ": " + e.getClass().getSimpleName(), e);
      }
      try {
        CharBuffer chars =
            StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes));
        int end = 0;
        while (end < chars.limit() && chars.get(end) != '\n' && chars.get(end) != '\r') {
          end++;
        }
        char[] password = new char[end];
        chars.get(password);
        Arrays.fill(chars.array(), '\0');
        if (password.length == 0) {
          throw new IllegalArgumentException(
              source() + " is empty (the password is its first line)");
        }
        return password;
      } catch (CharacterCodingException e) {
        throw new IllegalArgumentException(source() + " is not UTF-8 text", e);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }

    @Override
    public String source() {
      return "--tls-key-password-file " + file;
    }

    @Override
    public Optional<Path> path() {
      return Optional.of(file);
    }
  }

  private record Given(char[] password, String source) implements KeyPassword {
    @Override
    public char[] read() {
      return password.clone();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Given given
          && Arrays.equals(password, given.password)
          && source.equals(given.source);
    }

    @Override
    public int hashCode() {
      return source.hashCode();
    }

    @Override
    public String toString() {
      return "KeyPassword[" + source + ", redacted]";
    }
  }
}
