/**
 * Choosing the token store: a {@link io.tollgate.stores.StoreLocation} (today SQLite in a data
 * directory) and {@link io.tollgate.stores.Stores#open(io.tollgate.stores.StoreLocation)}, the one
 * factory that opens it.
 */
package io.tollgate.stores;
