package dev.cimatrix.store;

/** The state store could not be opened, migrated or written. */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
