package io.tollgate.cli;

import java.util.Locale;

/** {@code create token --format}: the InfluxDB text block, or a JSON object. */
enum TokenOutputFormat {
  TEXT,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
