package io.tollgate.cli;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/**
 * Builds commands by constructor injection: a class with a {@code (CliContext)} constructor gets
 * the context, anything else (mixins, converters) picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {

  private final CliContext context;

  CommandFactory(CliContext context) {
    this.context = context;
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> constructor;
    try {
      constructor = type.getDeclaredConstructor(CliContext.class);
    } catch (NoSuchMethodException e) {
      return CommandLine.defaultFactory().create(type);
    }
    return constructor.newInstance(context);
  }
}
