package dev.cimatrix.catalog;

/** A public incident in which a technique was used. */
public record Incident(String name, int year) {
}
