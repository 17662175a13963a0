package dev.cimatrix.model;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The token permissions a workflow or job asks for. {@link Mode#ABSENT} means the key is not written, so the
 * repository or organisation default applies (read-write for many older repositories).
 *
 * @param scopeLocations where each scope of an explicit block is written, so a finding can point at one line
 */
public record Permissions(Mode mode, Map<String, Level> scopes, Location location, Map<String, Location> scopeLocations) {
    public enum Mode { ABSENT, READ_ALL, WRITE_ALL, EXPLICIT }

    public enum Level { NONE, READ, WRITE }

    /**
     * The scopes a workflow may name, with the levels each takes: GitHub refuses a workflow that names a scope it does
     * not have or gives one a level it does not take. {@code id-token} is only minted or not, {@code models} only read.
     * GitHub adds scopes now and then, so a scope missing here may be newer than this list.
     */
    public static final Map<String, Set<Level>> SCOPES = knownScopes();

    private static Map<String, Set<Level>> knownScopes() {
        Map<String, Set<Level>> scopes = new TreeMap<>();
        for (String scope : List.of("actions", "artifact-metadata", "attestations", "checks", "code-quality", "contents",
                "copilot-requests", "deployments", "discussions", "issues", "packages", "pages", "pull-requests",
                "repository-projects", "security-events", "statuses")) {
            scopes.put(scope, EnumSet.allOf(Level.class));
        }
        scopes.put("id-token", EnumSet.of(Level.WRITE, Level.NONE));
        scopes.put("models", EnumSet.of(Level.READ, Level.NONE));
        return Collections.unmodifiableMap(scopes);
    }

    public Permissions {
        scopes = Map.copyOf(scopes);
        scopeLocations = Map.copyOf(scopeLocations);
    }

    public Permissions(Mode mode, Map<String, Level> scopes, Location location) {
        this(mode, scopes, location, Map.of());
    }

    /** Where a scope is written, or the whole block when it is not written one by one. */
    public Location locationOf(String scope) {
        return scopeLocations.getOrDefault(scope, location);
    }

    public static Permissions absent() {
        return new Permissions(Mode.ABSENT, Map.of(), null);
    }

    /** The level of one scope, such as {@code contents} or {@code id-token}, under this block. */
    public Level level(String scope) {
        return switch (mode) {
            case WRITE_ALL -> Level.WRITE;
            case READ_ALL -> scope.equals("id-token") ? Level.NONE : Level.READ;
            case EXPLICIT -> scopes.getOrDefault(scope, Level.NONE);
            case ABSENT -> Level.NONE;
        };
    }

    /** The scopes granted write, sorted. */
    public Map<String, Level> writeScopes() {
        Map<String, Level> out = new TreeMap<>();
        scopes.forEach((k, v) -> {
            if (v == Level.WRITE) {
                out.put(k, v);
            }
        });
        return out;
    }

    public boolean isAbsent() {
        return mode == Mode.ABSENT;
    }
}
