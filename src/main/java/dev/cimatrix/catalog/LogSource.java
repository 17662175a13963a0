package dev.cimatrix.catalog;

/**
 * A log that can reveal techniques.
 *
 * @param records    what it records
 * @param collection how to collect it
 * @param retention  how long it is kept and other caveats
 */
public record LogSource(String id, String name, String platform, String records, String collection,
                        String retention) {
}
