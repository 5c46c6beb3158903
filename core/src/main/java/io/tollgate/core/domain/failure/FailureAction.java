package io.tollgate.core.domain.failure;

/** The audit actions of a refused request (SPEC section 10). */
public enum FailureAction {
  /** A presented credential was not a valid token (unknown, expired or inactive): 401. */
  AUTH_FAILED("auth.failed"),
  /** A valid token without the permission the request needs: 403. */
  AUTHZ_DENIED("authz.denied");

  private final String auditName;

  FailureAction(String auditName) {
    this.auditName = auditName;
  }

  /** {@code auth.failed} or {@code authz.denied}, as the audit log spells it. */
  public String auditName() {
    return auditName;
  }
}
