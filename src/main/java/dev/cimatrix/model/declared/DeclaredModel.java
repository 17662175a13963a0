package dev.cimatrix.model.declared;

import dev.cimatrix.model.Location;

import java.util.List;
import java.util.Optional;

/**
 * The threat model as declared in {@code cimatrix-model.yml}: what cannot be read from the repositories.
 * Every part is optional; {@link #absent()} is the model of a system with no file.
 *
 * @param path the file it was read from, or null when there is none
 */
public record DeclaredModel(String path, List<Component> components, List<Identity> identities,
                            List<Reach> reachability, List<Asset> assets, List<Persona> personas,
                            List<CollectedLog> logSources, List<ControlInPlace> controls) {
    public DeclaredModel {
        components = List.copyOf(components);
        identities = List.copyOf(identities);
        reachability = List.copyOf(reachability);
        assets = List.copyOf(assets);
        personas = List.copyOf(personas);
        logSources = List.copyOf(logSources);
        controls = List.copyOf(controls);
    }

    public static DeclaredModel absent() {
        return new DeclaredModel(null, List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    }

    public boolean isAbsent() {
        return path == null;
    }

    public Optional<Component> component(String id) {
        return components.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /**
     * A part of the system.
     *
     * @param type     scm, repository, ci-server, runner, cd-tool, registry, vault, cluster or cloud-account
     * @param exposure public, internal or private
     * @param path     for a repository: the folder of the scanned tree that holds it ({@code .} for the root)
     * @param account  for a cloud account: its id, which links the cloud roles read from Terraform to it
     */
    public record Component(String id, String type, String exposure, String version, String path, String account,
                            Location location) {
    }

    /**
     * An identity or credential and what it gives access to.
     *
     * @param kind   secret, token, oidc-role, cloud-role, service-account or user
     * @param secrets the CI secrets that hold it, as jobs name them ({@code secrets.NAME})
     * @param role    a cloud role ARN or name that jobs assume, or null
     * @param grants  the components it gives access to
     */
    public record Identity(String id, String kind, List<String> secrets, String role, List<String> grants,
                           Location location) {
        public Identity {
            secrets = List.copyOf(secrets);
            grants = List.copyOf(grants);
        }
    }

    /** Declared network or trust reachability: {@code from} can reach {@code to}. */
    public record Reach(String from, String to, Location location) {
    }

    /**
     * Something at stake.
     *
     * @param kind        source-code, data, compute, artifact, secrets or logs
     * @param criticality low, medium, high or critical
     * @param in          the component that holds it
     */
    public record Asset(String id, String kind, String criticality, String in, Location location) {
    }

    /**
     * An entry point.
     *
     * @param kind  outside-contributor, maintainer, ci-admin, compromised-dependency or leaked-token
     * @param token for leaked-token: the identity that leaked
     */
    public record Persona(String id, String kind, String token, Location location) {
    }

    /** A log source (catalog id) that is collected, and for how many days it is kept (0 when not said). */
    public record CollectedLog(String source, int retentionDays, Location location) {
    }

    /**
     * A control (catalog id) and its state.
     *
     * @param status implemented, partial, planned or absent
     */
    public record ControlInPlace(String control, String status, String evidence, Location location) {
    }
}
