package io.tollgate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tollgate.core.domain.StoreException;
import io.tollgate.core.port.in.ServiceStatusUseCase;
import io.tollgate.core.port.in.ServiceStatusUseCase.StoreStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks behind {@code /health} and {@code /health/ready}: one read of the store, on a thread
 * of its own with a short timeout, so that a hung disk answers 503 instead of holding the probe.
 * Concurrent probes share the read in flight: a store that hangs holds one thread, not one per
 * probe. Failures name the check ({@code store}, {@code store_current}) and say what happened in
 * words safe for a client (the store's condition, never its path); the log gets the full message. A
 * store shared by several nodes also reports its lag ({@code lag_ms}) on the {@code store} check.
 */
final class HealthChecks implements AutoCloseable {
  static final String STORE = "store";
  static final String STORE_CURRENT = "store_current";

  /** How long the store read may take before the check fails. */
  static final Duration STORE_TIMEOUT = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(HealthChecks.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One check's outcome; {@code detail} is null when it passed; {@code lagMillis} is the store's
   * lag on the {@code store} check of a store shared by several nodes, else null.
   */
  record Check(String name, String detail, Long lagMillis) {
    Check(String name, String detail) {
      this(name, detail, null);
    }

    boolean passed() {
      return detail == null;
    }
  }

  /** Every check run for one probe, in order; healthy when all passed. */
  record Report(List<Check> checks) {
    boolean healthy() {
      return checks.stream().allMatch(Check::passed);
    }

    /**
     * {@code {"status":"fail","checks":[{"name":"store","status":"fail","detail":…}]}}; the store
     * check of a shared store carries {@code "lag_ms": N}.
     */
    byte[] json() {
      ObjectNode body = JSON.createObjectNode();
      body.put("status", healthy() ? "pass" : "fail");
      ArrayNode list = body.putArray("checks");
      for (Check check : checks) {
        ObjectNode item = list.addObject();
        item.put("name", check.name());
        item.put("status", check.passed() ? "pass" : "fail");
        if (!check.passed()) {
          item.put("detail", check.detail());
        }
        if (check.lagMillis() != null) {
          item.put("lag_ms", check.lagMillis().longValue());
        }
      }
      try {
        return JSON.writeValueAsBytes(body);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private final ServiceStatusUseCase status;
  private final Duration timeout;
  private final ExecutorService reader;
  private CompletableFuture<StoreStatus> inFlight;

  HealthChecks(ServiceStatusUseCase status, Duration timeout) {
    this.status = status;
    this.timeout = timeout;
    this.reader =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "tollgate-store-check");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** {@code /health}: the store answers a read. */
  Report health() {
    return new Report(List.of(readStore().check));
  }

  /** {@code /health/ready}: the store answers a read and, where it can tell, is current. */
  Report ready() {
    StoreRead read = readStore();
    List<Check> checks = new ArrayList<>(List.of(read.check));
    if (read.check.passed()) {
      checks.add(
          new Check(
              STORE_CURRENT,
              read.status == StoreStatus.CURRENT
                  ? null
                  : "the store cannot confirm this node has every committed change"));
    }
    return new Report(checks);
  }

  private record StoreRead(Check check, StoreStatus status) {}

  private StoreRead readStore() {
    CompletableFuture<StoreStatus> read = sharedRead();
    try {
      StoreStatus result = read.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new StoreRead(new Check(STORE, null, lag()), result);
    } catch (TimeoutException e) {
      LOG.warn("health: the store did not answer a read within {} ms", timeout.toMillis());
      return failed("the store did not answer within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      LOG.warn("health: the store cannot be read: {}", cause.getMessage());
      return failed(
          cause instanceof StoreException store ? store.condition() : "the store read failed");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed("interrupted");
    } catch (java.util.concurrent.RejectedExecutionException e) {
      return failed("the server is stopping");
    }
  }

  private StoreRead failed(String detail) {
    return new StoreRead(new Check(STORE, detail, lag()), null);
  }

  /** The store's lag, from memory; null for a store owned by one process. */
  private Long lag() {
    OptionalLong lag = status.storeLagMillis();
    return lag.isPresent() ? lag.getAsLong() : null;
  }

  private synchronized CompletableFuture<StoreStatus> sharedRead() {
    if (inFlight == null || inFlight.isDone()) {
      inFlight = CompletableFuture.supplyAsync(status::checkStore, reader);
    }
    return inFlight;
  }

  @Override
  public void close() {
    reader.shutdownNow();
  }
}
