package dev.cimatrix.model;

/** A boolean setting as written, with where; {@code true} and {@code enabled: true} both read as set. */
public record SettingFlag(boolean value, Location location) {
}
