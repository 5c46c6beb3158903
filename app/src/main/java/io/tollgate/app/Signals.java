package io.tollgate.app;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.slf4j.LoggerFactory;

/**
 * Handlers for the process's signals (SIGTERM, SIGINT, SIGHUP). The JDK has no supported API for
 * this: a shutdown hook runs on SIGTERM but cannot tell it from SIGINT or keep the process alive,
 * and SIGHUP would simply end the process. {@code sun.misc.Signal} (module {@code jdk.unsupported},
 * which JEP 260 keeps exported precisely for such critical uses) is what servers use; it is reached
 * by reflection here so that compiling against it does not warn about an internal API on every
 * build. When it is missing, the signal keeps the JVM's default behaviour and a warning says so.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} on its own thread whenever the process receives SIG{@code name}. */
  static void handle(String name, Runnable action) {
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Object signal = signalType.getConstructor(String.class).newInstance(name);
      Object handler =
          Proxy.newProxyInstance(
              Signals.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (method.getName().equals("handle")) {
                  action.run();
                  return null;
                }
                return objectMethod(proxy, method, args);
              });
      Object previous =
          signalType.getMethod("handle", signalType, handlerType).invoke(null, signal, handler);
      // The JVM installs nothing for a signal the process was started ignoring, so the action
      // never runs. For SIGHUP (ignored under nohup), the only way to ask for a reload, say so;
      // SIGINT is ignored in every background job of a shell, and SIGTERM still stops the server.
      if ("HUP".equals(name) && previous == handlerType.getField("SIG_IGN").get(null)) {
        LoggerFactory.getLogger(Signals.class)
            .warn(
                "SIGHUP was ignored when this process started (nohup does that) and stays"
                    + " ignored: sending it does nothing");
      }
    } catch (ReflectiveOperationException | IllegalArgumentException e) {
      Throwable cause = e instanceof InvocationTargetException target ? target.getCause() : e;
      LoggerFactory.getLogger(Signals.class)
          .warn(
              "cannot handle SIG{} on this JVM ({}); it keeps its default behaviour", name, cause);
    }
  }

  private static Object objectMethod(Object proxy, Method method, Object[] args) {
    switch (method.getName()) {
      case "equals":
        return proxy == args[0];
      case "hashCode":
        return System.identityHashCode(proxy);
      default:
        return "SignalHandler for Tollgate";
    }
  }
}
