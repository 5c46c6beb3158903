package io.tollgate.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Loads {@code --tls-cert} and {@code --tls-key} PEM files with the JDK alone into an in-memory key
 * store for Jetty. The key, RSA or EC, in any form openssl writes (see {@link PemPrivateKeys}),
 * encrypted PKCS#8 with its password, must belong to the first certificate; every problem is an
 * {@link IllegalArgumentException} naming the file and what to do.
 */
final class PemTls {
  private static final char[] STORE_PASSWORD = "tollgate-in-memory".toCharArray();
  private static final String ALIAS = "tollgate";

  private PemTls() {}

  static SslContextFactory.Server sslContextFactory(TlsFiles tls) {
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStore(keyStore(tls));
    factory.setKeyStorePassword(new String(STORE_PASSWORD));
    factory.setKeyManagerPassword(new String(STORE_PASSWORD));
    factory.setCertAlias(ALIAS);
    factory.setSniRequired(false);
    return factory;
  }

  static KeyStore keyStore(TlsFiles tls) {
    List<X509Certificate> chain = certificates(tls.certificate());
    PrivateKey key = privateKey(tls);
    requireMatchingPair(chain.get(0), key, tls);
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry(ALIAS, key, STORE_PASSWORD, chain.toArray(new Certificate[0]));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot build a key store from the TLS files", e);
    }
  }

  private static List<X509Certificate> certificates(Path path) {
    byte[] pem = read(path, "--tls-cert");
    Collection<? extends Certificate> certificates;
    try {
      certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "--tls-cert " + path + " is not a PEM X.509 certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException("--tls-cert " + path + " holds no certificate");
    }
    return certificates.stream().map(X509Certificate.class::cast).toList();
  }

  private static PrivateKey privateKey(TlsFiles tls) {
    Path path = tls.privateKey();
    return PemPrivateKeys.read(
        new String(read(path, "--tls-key"), StandardCharsets.US_ASCII), path, tls.keyPassword());
  }

  private static void requireMatchingPair(
      X509Certificate certificate, PrivateKey key, TlsFiles tls) {
    String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      if (verifier.verify(signature)) {
        return;
      }
    } catch (GeneralSecurityException e) {
      // a key of another algorithm than the certificate's: a mismatch
    }
    throw new IllegalArgumentException(
        "--tls-key "
            + tls.privateKey()
            + " does not belong to the certificate in --tls-cert "
            + tls.certificate());
  }

  private static byte[] read(Path path, String option) {
    try {
      return Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(option + " file not found: " + path, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read " + option + " file " + path + ": " + e.getMessage(), e);
    }
  }
}
