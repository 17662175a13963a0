package dev.cimatrix.model;

/** An entry of a mapping such as {@code env}, {@code with} or {@code outputs}: the key where it is written and its value. */
public record KeyValue(String key, Location keyLocation, Scalar value) {
}
