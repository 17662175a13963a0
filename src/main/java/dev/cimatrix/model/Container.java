package dev.cimatrix.model;

import java.util.List;

/**
 * A job container or service container.
 *
 * @param name        the service name; empty for a job's own container
 * @param image       the image reference as written
 * @param credentials {@code credentials.username} and {@code credentials.password}, when written
 */
public record Container(String name, Scalar image, List<KeyValue> credentials, List<KeyValue> env,
                        Scalar options, Location location) {
    public Container {
        credentials = List.copyOf(credentials);
        env = List.copyOf(env);
    }
}
