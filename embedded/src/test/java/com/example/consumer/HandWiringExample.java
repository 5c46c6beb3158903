package com.example.consumer;

import io.tollgate.core.domain.AuthenticationResult;
import io.tollgate.core.domain.IssuedToken;
import io.tollgate.embedded.Tollgate;
import java.nio.file.Path;

public class HandWiringExample {
  public static boolean run(Path dataDir) {
    try (Tollgate tollgate = Tollgate.open(dataDir)) {
      IssuedToken admin = tollgate.createOperatorToken(); // admin.secret() is shown only here
      AuthenticationResult result = tollgate.authenticate(admin.secret().value());
      return result.isAuthenticated(); // an unknown, expired or regenerated-away token: false
    }
  }
}
