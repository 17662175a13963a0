package dev.cimatrix.discover;

import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;
import dev.cimatrix.model.SettingFlag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How settings files (GitHub's, GitLab's) write their values, read alike: lists of entries, flags, unknown parts. */
public final class SettingsYaml {
    private SettingsYaml() {
    }

    /** The mappings of a top-level list; an item that is not a mapping is a warning. */
    public static List<YamlMapping> entries(YamlMapping map, String key, List<ReadProblem> problems) {
        Optional<YamlNode> node = map.get(key);
        if (node.isEmpty() || node.get() instanceof YamlScalar s && s.isNull()) {
            return List.of();
        }
        if (!(node.get() instanceof YamlSequence list)) {
            problems.add(new ReadProblem(node.get().location(), "'" + key + "' must be a list", false));
            return List.of();
        }
        List<YamlMapping> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (item instanceof YamlMapping m) {
                out.add(m);
            } else {
                problems.add(new ReadProblem(item.location(), "an entry of '" + key + "' must be a mapping", false));
            }
        }
        return out;
    }
    /**
     * The entries of a list whose entries are known by a field ({@code name}, {@code key}); an entry without it is a
     * warning and left out.
     */
    public static List<YamlMapping> named(YamlMapping map, String key, String nameField, List<ReadProblem> problems) {
        List<YamlMapping> out = new ArrayList<>();
        for (YamlMapping entry : entries(map, key, problems)) {
            if (entry.getScalar(nameField).filter(s -> !s.isNull() && !s.text().isBlank()).isPresent()) {
                out.add(entry);
            } else {
                problems.add(new ReadProblem(entry.location(), "an entry of '" + key + "' has no '" + nameField + "'",
                        false));
            }
        }
        return out;
    }

    /** The {@code unknown} mapping of a snapshot: the parts it could not read, with why. */
    public static Map<String, String> unknown(YamlMapping map) {
        Map<String, String> unknown = new LinkedHashMap<>();
        map.getMapping("unknown").ifPresent(u -> u.entries().forEach(e -> {
            if (e.value() instanceof YamlScalar v) {
                unknown.put(e.key().text(), v.text());
            }
        }));
        return unknown;
    }
    public static Scalar text(YamlMapping map, String key) {
        return map.getScalar(key).filter(s -> !s.isNull()).map(SettingsYaml::scalar).orElse(null);
    }
    /** A flag as {@code key: true} or {@code key: {enabled: true}}; null when absent or neither. */
    public static SettingFlag flag(YamlMapping map, String key) {
        Optional<YamlEntry> entry = map.entry(key);
        if (entry.isEmpty()) {
            return null;
        }
        YamlNode value = entry.get().value();
        if (value instanceof YamlMapping m) {
            value = m.get("enabled").orElse(value);
        }
        if (value instanceof YamlScalar s && s.isNull()) {
            return new SettingFlag(false, entry.get().key().location());
        }
        return value instanceof YamlScalar s ? s.asBoolean().map(b -> new SettingFlag(b, s.location())).orElse(null) : null;
    }
    public static Scalar scalar(YamlScalar s) {
        return Scalar.of(s.text(), s.location());
    }
}
