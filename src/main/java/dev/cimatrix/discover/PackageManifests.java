package dev.cimatrix.discover;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

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

    /** Read with the streaming parser, made when first needed: a scan of named files reads no manifest. */
    private static final class Parser {
        static final JsonFactory FACTORY = JsonFactory.builder().build();
    }

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
            String spec;
            try (JsonParser parser = Parser.FACTORY.createParser(ObjectReadContext.empty(), file.toFile())) {
                spec = declaredIn(parser);
            }
            // "npm@10.8.2+sha512.…" names npm.
            int at = spec.indexOf('@');
            return Optional.of((at > 0 ? spec.substring(0, at) : spec).strip().toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The top-level packageManager, else the name in devEngines.packageManager (an object, or the first of a list). */
    private static String declaredIn(JsonParser parser) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
            return "";
        }
        String top = "";
        String engines = "";
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (name.equals("packageManager") && value == JsonToken.VALUE_STRING) {
                top = parser.getString();
            } else if (name.equals("devEngines") && value == JsonToken.START_OBJECT) {
                engines = enginesPackageManager(parser);
            } else {
                parser.skipChildren();
            }
        }
        return top.isEmpty() ? engines : top;
    }

    /** Inside devEngines: the name of its packageManager, the parser left at the object's end. */
    private static String enginesPackageManager(JsonParser parser) {
        String found = "";
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (!name.equals("packageManager")) {
                parser.skipChildren();
            } else if (value == JsonToken.START_OBJECT) {
                found = nameOf(parser);
            } else if (value == JsonToken.START_ARRAY) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    found = nameOf(parser);
                }
                while (parser.currentToken() != JsonToken.END_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
                    parser.skipChildren();
                }
            }
        }
        return found;
    }

    /** The "name" of the object the parser is at, leaving it at the object's end. */
    private static String nameOf(JsonParser parser) {
        String name = "";
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String key = parser.currentName();
            if (parser.nextToken() == JsonToken.VALUE_STRING && key.equals("name")) {
                name = parser.getString();
            } else {
                parser.skipChildren();
            }
        }
        return name;
    }
}
