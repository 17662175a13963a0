/**
 * Immutable facts about the system under review, each with the {@link dev.cimatrix.model.Location} it was
 * read from. Platform readers in {@code discover} build these; checks in {@code analyze} only read them.
 * Types here are platform-neutral where the platforms agree (pipelines, jobs, steps, references, secrets)
 * and say which platform a field belongs to where they do not.
 */
package dev.cimatrix.model;
