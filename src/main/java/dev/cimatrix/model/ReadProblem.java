package dev.cimatrix.model;

/**
 * A file, or part of one, that could not be read into the model: the scan goes on, and reports say so.
 *
 * @param fatal true when nothing of the file made it into the model
 */
public record ReadProblem(Location location, String message, boolean fatal) {
}
