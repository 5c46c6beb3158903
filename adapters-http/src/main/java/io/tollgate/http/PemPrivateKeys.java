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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the private key of {@code --tls-key} with the JDK alone, in the three forms openssl writes:
 * PKCS#8 ({@code BEGIN PRIVATE KEY}, RSA or EC), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) and SEC1
 * ({@code BEGIN EC PRIVATE KEY}, with or without a leading {@code EC PARAMETERS} block). The last
 * two are wrapped in the PKCS#8 structure the JDK's key factories read. An encrypted key (PKCS#8
 * {@code ENCRYPTED PRIVATE KEY} or a traditional key with {@code Proc-Type: 4,ENCRYPTED}) is
 * refused: the server would need its passphrase in a file or a variable, which protects nothing the
 * key file's own mode does not. Every problem is one line naming the file.
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
   * @throws IllegalArgumentException naming the file and what to do
   */
  static PrivateKey read(String pem, Path path) {
    Matcher block = BLOCK.matcher(pem);
    while (block.find()) {
      String label = block.group(1);
      String body = block.group(2);
      switch (label) {
        case "ENCRYPTED PRIVATE KEY":
          throw encrypted(path);
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

  private static IllegalArgumentException encrypted(Path path) {
    return new IllegalArgumentException(
        "--tls-key "
            + path
            + " is encrypted; Tollgate reads only unencrypted keys (protect the file with chmod"
            + " 600 instead): decrypt it with: openssl pkey -in KEY -out key.pem");
  }

  private static byte[] der(String body, Path path) {
    if (body.contains("ENCRYPTED")) { // Proc-Type: 4,ENCRYPTED and DEK-Info headers
      throw encrypted(path);
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

  /**
   * A position in DER bytes: {@link #next()} reads the element starting there; {@link #content}
   * enters a constructed element.
   */
  private static final class Der {
    private final byte[] bytes;
    private final int start;
    private int length = -1;
    private int headerLength;
    private final int limit;

    Der(byte[] bytes, int start) {
      this(bytes, start, bytes.length);
    }

    private Der(byte[] bytes, int start, int limit) {
      this.bytes = bytes;
      this.start = start;
      this.limit = limit;
    }

    boolean hasMore() {
      return start < limit;
    }

    byte tag() {
      return bytes[start];
    }

    /** This position read as an element (tag, length). */
    Der next() {
      if (start + 2 > limit) {
        throw new IllegalStateException("truncated");
      }
      int first = bytes[start + 1] & 0xff;
      if (first < 0x80) {
        length = first;
        headerLength = 2;
      } else {
        int count = first & 0x7f;
        if (count == 0 || count > 3) {
          throw new IllegalStateException("unsupported length");
        }
        length = 0;
        for (int i = 0; i < count; i++) {
          length = (length << 8) | (bytes[start + 2 + i] & 0xff);
        }
        headerLength = 2 + count;
      }
      if (end() > limit) {
        throw new IllegalStateException("truncated");
      }
      return this;
    }

    int end() {
      return start + headerLength + length;
    }

    /** The position right after this element. */
    Der after() {
      return new Der(bytes, end(), limit);
    }

    /** The first position inside this element, which must have {@code tag}. */
    Der content(byte tag) {
      next();
      if (tag() != tag) {
        throw new IllegalStateException("unexpected tag");
      }
      return new Der(bytes, start + headerLength, end());
    }
  }
}
