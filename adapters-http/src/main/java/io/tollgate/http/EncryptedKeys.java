package io.tollgate.http;

import java.io.IOException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Decrypts an encrypted PKCS#8 key ({@code BEGIN ENCRYPTED PRIVATE KEY}) with the JDK alone: PBES2
 * with PBKDF2 (HMAC-SHA1 to SHA-512) and AES-CBC, what {@code openssl genpkey -aes256} and {@code
 * openssl pkcs8 -topk8 -v2 aes-256-cbc} write, and the PKCS#12 PBES1 schemes the JDK knows (such as
 * {@code -v1 PBE-SHA1-3DES}). A scheme the running JDK cannot decrypt (scrypt, PBES2 with DES or
 * RC2) is named in the error. No message ever contains the password.
 */
final class EncryptedKeys {

  /** Names of the object identifiers that appear in encryption algorithm identifiers. */
  private static final Map<String, String> NAMES =
      Map.ofEntries(
          Map.entry("1.2.840.113549.1.5.13", "PBES2"),
          Map.entry("1.2.840.113549.1.5.12", "PBKDF2"),
          Map.entry("1.3.6.1.4.1.11591.4.11", "scrypt"),
          Map.entry("1.2.840.113549.2.7", "hmacWithSHA1"),
          Map.entry("1.2.840.113549.2.8", "hmacWithSHA224"),
          Map.entry("1.2.840.113549.2.9", "hmacWithSHA256"),
          Map.entry("1.2.840.113549.2.10", "hmacWithSHA384"),
          Map.entry("1.2.840.113549.2.11", "hmacWithSHA512"),
          Map.entry("2.16.840.1.101.3.4.1.2", "aes-128-cbc"),
          Map.entry("2.16.840.1.101.3.4.1.22", "aes-192-cbc"),
          Map.entry("2.16.840.1.101.3.4.1.42", "aes-256-cbc"),
          Map.entry("1.2.840.113549.3.7", "des-ede3-cbc"),
          Map.entry("1.3.14.3.2.7", "des-cbc"),
          Map.entry("1.2.840.113549.3.2", "rc2-cbc"),
          Map.entry("1.2.156.10197.1.104.2", "sm4-cbc"),
          Map.entry("1.2.840.113549.1.12.1.3", "pbeWithSHAAnd3-KeyTripleDES-CBC"),
          Map.entry("1.2.840.113549.1.12.1.1", "pbeWithSHAAnd128BitRC4"),
          Map.entry("1.2.840.113549.1.12.1.6", "pbeWithSHAAnd40BitRC2-CBC"),
          Map.entry("1.2.840.113549.1.5.3", "pbeWithMD5AndDES-CBC"),
          Map.entry("1.2.840.113549.1.5.10", "pbeWithSHA1AndDES-CBC"));

  private static final byte SEQUENCE = 0x30;
  private static final byte OID = 0x06;

  private EncryptedKeys() {}

  /**
   * The PKCS#8 {@code PrivateKeyInfo} inside {@code der}.
   *
   * @throws IllegalArgumentException naming the file: no password given, a wrong one, or a scheme
   *     this JDK cannot decrypt
   */
  static byte[] decrypt(byte[] der, Path path, Optional<TlsFiles.KeyPassword> password) {
    if (password.isEmpty()) {
      throw new IllegalArgumentException(
          "--tls-key "
              + path
              + " is encrypted; give its password with "
              + TlsFiles.PASSWORD_OPTIONS);
    }
    EncryptedPrivateKeyInfo info;
    String algorithm;
    AlgorithmParameters parameters;
    try {
      info = new EncryptedPrivateKeyInfo(der);
      parameters = info.getAlgParameters();
      algorithm = info.getAlgName();
      if ("PBES2".equals(algorithm) && parameters != null) {
        // Java 17 names the PBES2 scheme (PBEWithHmacSHA256AndAES_256, ...) only here
        algorithm = parameters.toString();
      }
    } catch (IOException | RuntimeException e) {
      throw unsupported(path, der);
    }
    char[] chars = password.get().read();
    PBEKeySpec spec = new PBEKeySpec(chars);
    Arrays.fill(chars, '\0');
    Cipher cipher;
    try {
      SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(spec);
      cipher = Cipher.getInstance(algorithm);
      cipher.init(Cipher.DECRYPT_MODE, key, parameters);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw unsupported(path, der);
    } finally {
      spec.clearPassword();
    }
    try {
      return info.getKeySpec(cipher).getEncoded();
    } catch (InvalidKeySpecException e) {
      throw new IllegalArgumentException(
          "--tls-key "
              + path
              + " cannot be decrypted with the password from "
              + password.get().source()
              + ": the password is wrong (or the key file is damaged)");
    }
  }

  private static IllegalArgumentException unsupported(Path path, byte[] der) {
    return new IllegalArgumentException(
        "--tls-key "
            + path
            + " is encrypted with "
            + scheme(der)
            + ", which Java "
            + Runtime.version().feature()
            + " cannot decrypt; re-encrypt it with: openssl pkcs8 -topk8 -v2 aes-256-cbc -in KEY"
            + " -out key.pem");
  }

  /**
   * The encryption scheme as its object identifiers name it, such as {@code PBES2 (PBKDF2,
   * hmacWithSHA256, des-ede3-cbc)}; {@code an unknown scheme} if the DER is unreadable.
   */
  static String scheme(byte[] der) {
    List<String> names = new ArrayList<>();
    try {
      Der algorithm = new Der(der, 0).content(SEQUENCE).next();
      collectOids(der, algorithm.start, algorithm.end(), names);
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      return "an unknown scheme";
    }
    if (names.isEmpty()) {
      return "an unknown scheme";
    }
    String first = names.get(0);
    return names.size() == 1
        ? first
        : first + " (" + String.join(", ", names.subList(1, names.size())) + ")";
  }

  /** The object identifiers in the elements between {@code start} and {@code end}, depth first. */
  private static void collectOids(byte[] der, int start, int end, List<String> names) {
    for (Der at = new Der(der, start, end); at.hasMore(); at = at.after()) {
      at.next();
      if (at.tag() == SEQUENCE) {
        collectOids(der, at.contentStart(), at.end(), names);
      } else if (at.tag() == OID) {
        String oid = dotted(der, at.contentStart(), at.end());
        names.add(NAMES.getOrDefault(oid, oid));
      }
    }
  }

  private static String dotted(byte[] der, int start, int end) {
    StringBuilder out = new StringBuilder();
    long value = 0;
    boolean first = true;
    for (int i = start; i < end; i++) {
      value = (value << 7) | (der[i] & 0x7f);
      if ((der[i] & 0x80) == 0) {
        if (first) {
          long arc = Math.min(value / 40, 2);
          out.append(arc).append('.').append(value - 40 * arc);
          first = false;
        } else {
          out.append('.').append(value);
        }
        value = 0;
      }
    }
    return out.toString();
  }
}
