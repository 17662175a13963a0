package dev.cimatrix.analyze;

import dev.cimatrix.catalog.ClosestIds;
import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Severity;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads {@code .cimatrix.yml}:
 *
 * <pre>
 * checks:
 *   gha-unpinned-uses:
 *     severity: low                  # change the severity of its findings
 *     trusted-owners: [my-org]       # any other key is an option of that check
 *   gha-self-hosted-runner:
 *     enabled: false                 # turn a check off
 * ignore:                            # paths (globs, relative to the scanned root) not to report on
 *   - tests/fixtures/**
 * </pre>
 *
 * Every mistake is reported with the file, line and what is wrong.
 */
public final class ScanConfigLoader {
    /** The name looked for at the scanned root. */
    public static final String FILE_NAME = ".cimatrix.yml";

    /** A configuration file that cannot be used; the message names the file and line. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    private ScanConfigLoader() {
    }

    /**
     * The configuration in {@code text}, read from {@code name}; {@code checks} are the checks it may name, with the
     * options each takes.
     */
    public static ScanConfig parse(String name, String text, Collection<CheckInfo> checks) {
        Map<String, List<String>> optionsOf = new HashMap<>();
        checks.forEach(c -> optionsOf.put(c.id(), c.options()));
        Set<String> knownChecks = optionsOf.keySet();
        Node root;
        try {
            LoadSettings settings = LoadSettings.builder().setSchema(new CoreSchema()).setLabel(name)
                    .setAllowDuplicateKeys(false).setMaxAliasesForCollections(10).build();
            Optional<Node> node = new Composer(settings, new ParserImpl(settings, new StreamReader(settings, text)))
                    .getSingleNode();
            if (node.isEmpty()) {
                return ScanConfig.defaults();
            }
            root = node.get();
        } catch (MarkedYamlEngineException e) {
            throw new ConfigException(name + ":" + e.getProblemMark().map(m -> (m.getLine() + 1) + "").orElse("1")
                    + ": " + e.getProblem());
        } catch (YamlEngineException e) {
            throw new ConfigException(name + ": " + e.getMessage());
        }
        MappingNode top = mapping(name, root, "the configuration");
        Set<String> disabled = new HashSet<>();
        Map<String, Severity> severities = new HashMap<>();
        Map<String, Map<String, List<String>>> options = new LinkedHashMap<>();
        List<GlobPattern> ignored = new ArrayList<>();
        for (NodeTuple entry : top.getValue()) {
            String key = scalar(name, entry.getKeyNode(), "a key");
            switch (key) {
                case "checks" -> {
                    for (NodeTuple check : mapping(name, entry.getValueNode(), "'checks'").getValue()) {
                        String id = scalar(name, check.getKeyNode(), "a check id");
                        if (!knownChecks.contains(id)) {
                            throw error(name, check.getKeyNode(), "unknown check '" + id + "'"
                                    + suggestion(id, knownChecks));
                        }
                        Map<String, List<String>> checkOptions = new LinkedHashMap<>();
                        for (NodeTuple option : mapping(name, check.getValueNode(), "the settings of " + id).getValue()) {
                            String optionName = scalar(name, option.getKeyNode(), "an option name");
                            Node value = option.getValueNode();
                            switch (optionName) {
                                case "enabled" -> {
                                    String flag = scalar(name, value, "true or false").toLowerCase(Locale.ROOT);
                                    if (!flag.equals("true") && !flag.equals("false")) {
                                        throw error(name, value, "'enabled' must be true or false");
                                    }
                                    if (flag.equals("false")) {
                                        disabled.add(id);
                                    }
                                }
                                case "severity" -> {
                                    String s = scalar(name, value, "a severity");
                                    try {
                                        severities.put(id, Severity.parse(s));
                                    } catch (IllegalArgumentException ex) {
                                        throw error(name, value, "severity must be info, low, medium, high or critical, not '" + s + "'");
                                    }
                                }
                                default -> {
                                    List<String> known = optionsOf.get(id);
                                    if (!known.contains(optionName)) {
                                        // A misspelt option would leave the check's default in place without a word.
                                        List<String> takes = new ArrayList<>(List.of("enabled", "severity"));
                                        takes.addAll(known);
                                        throw error(name, option.getKeyNode(), "unknown option '" + optionName + "' of "
                                                + id + "; it takes " + String.join(", ", takes.subList(0, takes.size() - 1))
                                                + " and " + takes.get(takes.size() - 1)
                                                + suggestion(optionName, new HashSet<>(known)));
                                    }
                                    checkOptions.put(optionName, names(name, value, "'" + optionName + "' of " + id));
                                }
                            }
                        }
                        if (!checkOptions.isEmpty()) {
                            options.put(id, checkOptions);
                        }
                    }
                }
                case "ignore" -> {
                    Node value = entry.getValueNode();
                    if (!(value instanceof SequenceNode list)) {
                        throw error(name, value, "'ignore' must be a list of path patterns");
                    }
                    for (Node item : list.getValue()) {
                        String pattern = scalar(name, item, "a path pattern");
                        try {
                            ignored.add(GlobPattern.pathGlob(pattern));
                        } catch (GlobPattern.SyntaxException e) {
                            throw error(name, item, e.getMessage());
                        }
                    }
                }
                default -> throw error(name, entry.getKeyNode(), "unknown key '" + key + "' (expected checks or ignore)");
            }
        }
        return new ScanConfig(disabled, severities, ignored, options);
    }

    /**
     * An option's value: every option a check takes is a list of names or patterns, written as a list or as one
     * name; a mapping or a nested list would otherwise be read as text that matches nothing.
     */
    private static List<String> names(String name, Node node, String what) {
        if (node instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (node instanceof SequenceNode seq) {
            List<String> items = new ArrayList<>();
            for (Node item : seq.getValue()) {
                items.add(scalar(name, item, "an item of " + what));
            }
            return items;
        }
        throw error(name, node, what + " must be a name or a list of names");
    }

    private static MappingNode mapping(String name, Node node, String what) {
        if (node instanceof MappingNode m) {
            return m;
        }
        throw error(name, node, what + " must be a mapping");
    }

    private static String scalar(String name, Node node, String what) {
        if (node instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(name, node, "expected " + what + " here");
    }

    private static ConfigException error(String name, Node node, String message) {
        int line = node.getStartMark().map(Mark::getLine).orElse(0) + 1;
        return new ConfigException(name + ":" + line + ": " + message);
    }

    private static String suggestion(String id, Set<String> known) {
        List<String> close = ClosestIds.to(id, known, 3);
        return close.isEmpty() ? "" : " (did you mean " + String.join(", ", close) + "?)";
    }
}
