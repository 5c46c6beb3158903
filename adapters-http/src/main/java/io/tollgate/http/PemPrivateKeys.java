package io.tollgate.http;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of {@code --tls-key} with the JDK alone, in the three forms openssl writes:
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1
 * ({@code BEGIN EC PRIVATE KEY}, with or without a leading {@code EC PARAMETERS} block). The last
 * two are wrapped in the PKCS#8 structure the JDK's key factories read. Encrypted PKCS#8 ({@code
 * BEGIN ENCRYPTED PRIVATE KEY}) is decrypted with its password ({@link EncryptedKeys}); a
 * traditional encrypted key ({@code Proc-Type: 4,ENCRYPTED}) is refused with the command that
 * converts it. Every problem is one line naming the file, never the password.
 */
final class PemPrivateKeys {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** rsaEncryption (1.2.840.113549.1.1.1) as a DER OID, and the NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** id-ecPublicKey (1.2.840.10045.2.1) as a DER OID. */
  private static final byte[] EC_PUBLIC_KEY = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  private static final byte SEQUENCE = 0x30;
  private static final byte INTEGER = 0x02;
  private static final byte OCTET_STRING = 0x04;
  private static final byte CURVE_TAG = (byte) 0xa0;

  private PemPrivateKeys() {}

  /**
   * @param pem the file's content
   * @param path the file, for messages
   * @param password the password of an encrypted key, if one was given
   * @throws IllegalArgumentException naming the file and what to do
   */
  static PrivateKey read(String pem, Path path, Optional<TlsFiles.KeyPassword> password) {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      String body = block.group(2);
      switch (label) {
        case "ENCRYPTED PRIVATE KEY":
          return pkcs8(EncryptedKeys.decrypt(der(body, path), path, password), path);
        case "PRIVATE KEY":
          return pkcs8(der(body, path), path);
        case "RSA PRIVATE KEY":
          return pkcs8(rsaPkcs8(der(body, path)), path);
        case "EC PRIVATE KEY":
          return pkcs8(ecPkcs8(der(body, path), path), path);
        default:
          // EC PARAMETERS, a certificate pasted before the key: look further
      }
    }
    throw new IllegalArgumentException(
        "--tls-key "
            + path
            + " holds no PEM private key (expected BEGIN PRIVATE KEY, BEGIN RSA PRIVATE KEY or"
            + " BEGIN EC PRIVATE KEY)");
  }

  private static IllegalArgumentException traditionalEncrypted(Path path) {
    return new IllegalArgumentException(
        "--tls-key "
            + path
            + " is encrypted in OpenSSL's traditional form (Proc-Type: 4,ENCRYPTED), which Java"
            + " cannot decrypt; convert it to encrypted PKCS#8 with: openssl pkcs8 -topk8 -v2"
            + " aes-256-cbc -in KEY -out key.pem");
  }

  private static byte[] der(String body, Path path) {
    if (body.contains("Proc-Type:")) { // Proc-Type: 4,ENCRYPTED and DEK-Info headers
      throw traditionalEncrypted(path);
    }
    try {
      return Base64.getMimeDecoder().decode(body.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--tls-key " + path + " has invalid base64 content", e);
    }
  }

  private static PrivateKey pkcs8(byte[] der, Path path) {
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (InvalidKeySpecException e) {
        // try the next algorithm
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("cannot read --tls-key " + path, e);
      }
    }
    throw new IllegalArgumentException(
        "--tls-key " + path + " is neither an RSA nor an EC private key");
  }

  /** PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo. */
  private static byte[] rsaPkcs8(byte[] pkcs1) {
    return tlv(
        SEQUENCE,
        tlv(INTEGER, new byte[] {0}),
        tlv(SEQUENCE, RSA_ALGORITHM),
        tlv(OCTET_STRING, pkcs1));
  }

  /** SEC1 ECPrivateKey in a PKCS#8 PrivateKeyInfo, its curve taken from its parameters. */
  private static byte[] ecPkcs8(byte[] sec1, Path path) {
    byte[] curve = curveOf(sec1, path);
    return tlv(
        SEQUENCE,
        tlv(INTEGER, new byte[] {0}),
        tlv(SEQUENCE, EC_PUBLIC_KEY, curve),
        tlv(OCTET_STRING, sec1));
  }

  /** The named curve's OID (tag, length and value) from SEC1's {@code [0]} parameters. */
  private static byte[] curveOf(byte[] sec1, Path path) {
    try {
      Der version = new Der(sec1, 0).content(SEQUENCE).next();
      Der privateKey = version.after().next();
      for (Der at = privateKey.after(); at.hasMore(); at = at.next().after()) {
        if (at.tag() == CURVE_TAG) {
          Der oid = at.content(CURVE_TAG).next();
          return Arrays.copyOfRange(sec1, oid.start, oid.end());
        }
      }
    } catch (IndexOutOfBoundsException | IllegalStateException e) {
      throw new IllegalArgumentException(
          "--tls-key " + path + " is not a valid EC private key (bad DER)", e);
    }
    throw new IllegalArgumentException(
        "--tls-key "
            + path
            + " is an EC key without its named curve; write it with: openssl ec -in KEY -out"
            + " key.pem");
  }

  private static byte[] tlv(byte tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      content.writeBytes(part);
    }
    int length = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (length < 0x80) {
      out.write(length);
    } else {
      int bytes = length < 0x100 ? 1 : length < 0x10000 ? 2 : 3;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(length >>> (8 * i));
      }
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
