package io.tollgate.stores;

/**
 * What {@link Stores#copy(StoreLocation, StoreLocation)} copied and then read back from the target:
 * counts only, never a secret.
 *
 * @param tokens the tokens, each with its id, name, hash, permissions and status
 * @param importedHashes the hashes remembered from token files
 * @param auditEntries the audit log's lines
 * @param recoveryCode whether a recovery code (its hash) was copied
 */
public record StoreCopyReport(
    int tokens, int importedHashes, int auditEntries, boolean recoveryCode) {}
