package dev.cimatrix.discover;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The package manager each walked repository declares in the {@code package.json} at its root ({@code packageManager},
 * or {@code devEngines.packageManager}): setup-node caches by default only for npm declared there. A repository
 * without the file declares none; a repository whose file cannot be read is left out, its answer unknown.
 */
public final class PackageManifests {
    /** A manifest larger than this is not read. */
    static final long MAX_BYTES = 1 << 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private PackageManifests() {
    }

    /**
     * By repository root (relative to the scan's base, "" for the base itself), the declared package manager's
     * name in lower case ({@code npm}, {@code pnpm}, {@code yarn}), or "" when none is declared.
     */
    public static Map<String, String> of(Path base, Collection<String> roots) {
        Map<String, String> out = new TreeMap<>();
        for (String root : roots) {
            Path file = (root.isEmpty() ? base : base.resolve(root)).resolve("package.json");
            declared(file).ifPresent(name -> out.put(root, name));
        }
        return out;
    }

    /** The package manager a package.json declares, "" for none or no file; empty when it cannot be read. */
    static Optional<String> declared(Path file) {
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of("");
            }
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            JsonNode manifest = JSON.readTree(file.toFile());
            String spec = text(manifest.path("packageManager"));
            if (spec.isEmpty()) {
                JsonNode engines = manifest.path("devEngines").path("packageManager");
                spec = engines.isArray() ? text(engines.path(0).path("name")) : text(engines.path("name"));
            }
            // "npm@10.8.2+sha512.…" names npm.
            int at = spec.indexOf('@');
            return Optional.of((at > 0 ? spec.substring(0, at) : spec).strip().toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : "";
    }
}
