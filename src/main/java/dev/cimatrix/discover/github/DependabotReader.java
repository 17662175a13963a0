package dev.cimatrix.discover.github;

import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.DependabotConfig;
import dev.cimatrix.model.KeyValue;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.ReadProblem;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Dependabot configuration ({@code .github/dependabot.yml}, version 2) into the model. A malformed entry is a
 * warning at its position and the other entries are still read; a file that is not a version 2 configuration at all
 * is an error.
 */
public final class DependabotReader {
    /** The settings of a private registry that carry its secrets. */
    private static final Set<String> CREDENTIAL_KEYS = Set.of("password", "token", "key");
    /** What Dependabot's {@code cooldown} takes. */
    private static final List<String> COOLDOWN_KEYS = List.of("default-days", "semver-major-days", "semver-minor-days",
            "semver-patch-days", "include", "exclude");

    private DependabotReader() {
    }

    public static Optional<DependabotConfig> read(YamlDocumentSet file, List<ReadProblem> problems) {
        Optional<YamlMapping> root = GithubReader.rootMapping(file, problems, "Dependabot configuration");
        if (root.isEmpty()) {
            return Optional.empty();
        }
        YamlMapping map = root.get();
        Optional<YamlScalar> version = map.getScalar("version");
        if (version.isEmpty() || !version.get().text().strip().equals("2")) {
            problems.add(new ReadProblem(version.map(YamlNode::location).orElse(map.location()),
                    "not a Dependabot configuration: Dependabot reads only 'version: 2'", true));
            return Optional.empty();
        }
        Optional<YamlNode> updatesNode = map.get("updates");
        if (updatesNode.isEmpty() || !(updatesNode.get() instanceof YamlSequence updates)) {
            problems.add(new ReadProblem(updatesNode.map(YamlNode::location).orElse(map.location()),
                    "invalid Dependabot configuration: 'updates' must be a list of entries", true));
            return Optional.empty();
        }
        List<DependabotConfig.Update> out = new ArrayList<>();
        for (YamlNode item : updates.items()) {
            if (!(item instanceof YamlMapping entry)) {
                problems.add(new ReadProblem(item.location(), "an entry of 'updates' must be a mapping", false));
                continue;
            }
            Optional<YamlScalar> ecosystem = entry.getScalar("package-ecosystem");
            if (ecosystem.isEmpty() || ecosystem.get().isNull()) {
                problems.add(new ReadProblem(entry.location(), "an entry of 'updates' has no 'package-ecosystem'", false));
                continue;
            }
            out.add(new DependabotConfig.Update(scalar(ecosystem.get()), cooldown(entry, problems),
                    entry.getScalar("insecure-external-code-execution").map(DependabotReader::scalar).orElse(null),
                    entry.getScalar("open-pull-requests-limit").map(DependabotReader::scalar).orElse(null),
                    registries(entry)));
        }
        // The configuration is placed at its list of updates, where an entry it lacks would go.
        Location where = map.entry("updates").map(e -> e.key().location()).orElse(map.location());
        return Optional.of(new DependabotConfig(file.path(), where, out, privateRegistries(map)));
    }

    private static DependabotConfig.Cooldown cooldown(YamlMapping entry, List<ReadProblem> problems) {
        Optional<YamlEntry> cooldown = entry.entry("cooldown");
        if (cooldown.isEmpty()) {
            return null;
        }
        List<KeyValue> days = new ArrayList<>();
        if (cooldown.get().value() instanceof YamlMapping block) {
            for (YamlEntry e : block.entries()) {
                String key = e.key().text();
                if (!COOLDOWN_KEYS.contains(key)) {
                    // Dependabot refuses the file, and a cooldown meant as 'default: 4' holds nothing back.
                    List<String> close = ClosestIds.to(key, COOLDOWN_KEYS, 1);
                    problems.add(new ReadProblem(e.key().location(), "unknown key '" + key + "' in 'cooldown'"
                            + (close.isEmpty() ? "" : " (did you mean " + close.get(0) + "?)") + "; it takes "
                            + String.join(", ", COOLDOWN_KEYS), false));
                } else if (key.endsWith("-days") && e.value() instanceof YamlScalar value) {
                    days.add(new KeyValue(key, e.key().location(), scalar(value)));
                }
            }
        } else if (!(cooldown.get().value() instanceof YamlScalar s && s.isNull())) {
            problems.add(new ReadProblem(cooldown.get().value().location(), "'cooldown' must be a mapping", false));
        }
        return new DependabotConfig.Cooldown(cooldown.get().key().location(), days);
    }

    /** The top-level private registries, each with its credential settings. */
    private static List<DependabotConfig.Registry> privateRegistries(YamlMapping map) {
        List<DependabotConfig.Registry> out = new ArrayList<>();
        if (map.get("registries").orElse(null) instanceof YamlMapping registries) {
            for (YamlEntry e : registries.entries()) {
                List<KeyValue> credentials = new ArrayList<>();
                if (e.value() instanceof YamlMapping settings) {
                    for (YamlEntry setting : settings.entries()) {
                        if (CREDENTIAL_KEYS.contains(setting.key().text()) && setting.value() instanceof YamlScalar value) {
                            credentials.add(new KeyValue(setting.key().text(), setting.key().location(), scalar(value)));
                        }
                    }
                }
                out.add(new DependabotConfig.Registry(e.key().text(), e.key().location(), credentials));
            }
        }
        return out;
    }

    /** The registries an entry uses: {@code registries: "*"} or a list of names. */
    private static List<Scalar> registries(YamlMapping entry) {
        List<Scalar> out = new ArrayList<>();
        entry.get("registries").ifPresent(node -> {
            if (node instanceof YamlScalar s && !s.isNull()) {
                out.add(scalar(s));
            } else if (node instanceof YamlSequence seq) {
                seq.items().stream().filter(i -> i instanceof YamlScalar s && !s.isNull())
                        .forEach(i -> out.add(scalar((YamlScalar) i)));
            }
        });
        return out;
    }

    private static Scalar scalar(YamlScalar s) {
        return Scalar.of(s.isNull() ? "" : s.text(), s.location());
    }
}
