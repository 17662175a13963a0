package dev.cimatrix.catalog;

/** The catalog data is missing, malformed or inconsistent. */
public class CatalogException extends RuntimeException {
    public CatalogException(String message) {
        super(message);
    }

    public CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}
