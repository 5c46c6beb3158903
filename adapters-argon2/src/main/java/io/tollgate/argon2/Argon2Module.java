package io.tollgate.argon2;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.tollgate.core.port.out.RecoveryCodeHasher;

/** Binds {@link RecoveryCodeHasher} to Argon2id with the OWASP parameters. */
public final class Argon2Module extends AbstractModule {

  @Provides
  @Singleton
  RecoveryCodeHasher recoveryCodeHasher() {
    return Argon2Hashers.argon2id(Argon2Parameters.OWASP);
  }
}
