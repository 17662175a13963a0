package dev.cimatrix.model;

/**
 * A job's {@code snapshot:}: when the job succeeds on an image-generation runner, GitHub saves the runner's state as a
 * new version of a custom runner image, which the larger runners that use the image start from.
 *
 * @param imageName the image's name ({@code snapshot: NAME} or {@code image-name:}); null when not written
 * @param location  where the {@code snapshot} key is written
 * @param condition the snapshot's own {@code if:}, or null
 */
public record RunnerSnapshot(Scalar imageName, Location location, IfCondition condition) {
}
