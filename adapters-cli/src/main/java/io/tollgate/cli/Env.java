package io.tollgate.cli;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The environment variables an option falls back to, in order: the first one set (non-empty) wins;
 * none set, the option's own default applies; the command line beats them all. Tollgate's own
 * {@code TOLLGATE_*} name comes first, then the names {@code influxdb3} reads.
 *
 * <p>This one declaration drives both the behaviour ({@link EnvDefaultProvider}, picocli's default
 * value provider) and the help ({@link EnvHelp} prints the names under each option), so the two
 * cannot drift.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@interface Env {

  /** The variable names, in the order they are consulted. */
  String[] value();
}
