package dev.cimatrix.analyze;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A data list shipped with cimatrix under {@code src/main/resources/analyze/} (known-compromised actions,
 * archived repositories, publishers…), read once by the check that owns it. A broken list is a bug of the
 * build, so it fails loudly.
 */
public final class DataResource {
    private final String name;
    private final Map<?, ?> root;

    private DataResource(String name, Map<?, ?> root) {
        this.name = name;
        this.root = root;
    }

    /** Loads {@code analyze/<file>} from the class path. */
    public static DataResource load(String file) {
        String path = "analyze/" + file;
        return new DataResource(path, parse(open(path), path));
    }

    /** A data file on the class path, such as {@code analyze/github-taint.yaml}, for reading as UTF-8. */
    public static Reader open(String path) {
        InputStream in = DataResource.class.getClassLoader().getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("missing data list " + path);
        }
        return new InputStreamReader(in, StandardCharsets.UTF_8);
    }

    /**
     * Reads a YAML data document whose top level is a mapping, with the YAML 1.2 core schema and duplicate
     * keys refused; {@code label} names the source in errors. For data read from elsewhere than the class
     * path, such as tables a test supplies.
     */
    public static Map<?, ?> parse(Reader reader, String label) {
        try (reader) {
            LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(label)
                    .setAllowDuplicateKeys(false).build();
            if (!(new Load(settings).loadFromReader(reader) instanceof Map<?, ?> map)) {
                throw new IllegalStateException(label + ": expected a mapping at the top level");
            }
            return map;
        } catch (IOException | YamlEngineException e) {
            throw new IllegalStateException("cannot read data list " + label + ": " + e.getMessage(), e);
        }
    }

    /** The whole top-level mapping, for lists with a shape of their own. */
    public Map<?, ?> root() {
        return root;
    }

    /** A top-level list of mappings, such as the entries of a list of advisories. */
    public List<Map<?, ?>> entries(String key) {
        if (!(root.get(key) instanceof List<?> list)) {
            throw new IllegalStateException(name + ": expected a list '" + key + "'");
        }
        List<Map<?, ?>> out = new java.util.ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> map)) {
                throw new IllegalStateException(name + ": every item of '" + key + "' must be a mapping");
            }
            out.add(map);
        }
        return out;
    }

    /** A top-level list of strings, lower-cased (names GitHub compares without case). */
    public List<String> names(String key) {
        if (!(root.get(key) instanceof List<?> list)) {
            throw new IllegalStateException(name + ": expected a list '" + key + "'");
        }
        return list.stream().map(item -> item instanceof Map<?, ?> map ? map.get("name") : item)
                .map(item -> String.valueOf(item).strip().toLowerCase(Locale.ROOT)).toList();
    }

    /** A string field of a list item, or null. */
    public static String text(Map<?, ?> item, String key) {
        Object value = item.get(key);
        return value == null ? null : String.valueOf(value);
    }

    /**
     * A mapping field of a list item whose values are lists ({@code {claude_args: [a, b]}}), by lower-case key, or the
     * empty map.
     */
    public static Map<String, List<String>> textLists(Map<?, ?> item, String key) {
        Map<String, List<String>> out = new java.util.HashMap<>();
        if (item.get(key) instanceof Map<?, ?> map) {
            map.keySet().forEach(k -> out.put(String.valueOf(k).toLowerCase(Locale.ROOT), texts(map, String.valueOf(k))));
        }
        return out;
    }

    /** A list field of a list item (a single value counts as a list of one), or the empty list. */
    public static List<String> texts(Map<?, ?> item, String key) {
        Object value = item.get(key);
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return value == null ? List.of() : List.of(String.valueOf(value));
    }
}
