package io.tollgate.cli;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where {@code serve} takes the password of an encrypted {@code --tls-key} from: a file ({@code
 * --tls-key-password-file}) or the variable {@code TOLLGATE_TLS_KEY_PASSWORD}, never the command
 * line (other users of the machine could read it there). No {@code toString()} shows it.
 */
public sealed interface TlsKeyPassword {

  /** The variable that may hold the password itself. */
  String VARIABLE = "TOLLGATE_TLS_KEY_PASSWORD";

  /** {@code --tls-key-password-file FILE}: the password is the file's first line. */
  record File(Path path) implements TlsKeyPassword {
    public File {
      Objects.requireNonNull(path, "path");
    }
  }

  /** The password from the variable {@link #VARIABLE}. */
  record Variable(String value) implements TlsKeyPassword {
    public Variable {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
      return "Variable[" + VARIABLE + ", value redacted]";
    }
  }
}
