package io.tollgate.core.port.out;

import io.tollgate.core.domain.failure.FailureEvent;
import java.util.List;

/**
 * Where coalesced refusals go once their window has ended ({@link
 * io.tollgate.core.domain.failure.FailureQueue}): the audit. Called from one background thread,
 * never from a request.
 */
public interface FailureSink {

  /** Records these events, oldest first; {@code events} is never empty. */
  void record(List<FailureEvent> events);
}
