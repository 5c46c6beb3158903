package com.example.consumer;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.core.port.in.TokenAuthority;
import io.tollgate.core.port.out.TokenStore;
import io.tollgate.embedded.guice.TollgateModule;
import java.nio.file.Path;

public class GuiceExample {
  public static boolean run(Path dataDir) {
    Injector injector = Guice.createInjector(new TollgateModule(dataDir));
    TokenAuthority tollgate = injector.getInstance(TokenAuthority.class); // a thread-safe singleton
    try {
      IssuedToken admin = tollgate.createOperatorToken();
      return tollgate.authenticate(admin.secret().value()).isAuthenticated();
    } finally {
      // whoever built the injector closes the store
      injector.getInstance(TokenStore.class).close();
    }
  }
}
