package dev.cimatrix.catalog;

/** A public source backing a catalog entry. */
public record Reference(String title, String url) {
}
