package dev.cimatrix.detect;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Sigma rule files (one or more YAML documents each) with the compose API, so every refusal carries the line of
 * the construct, and compiles each detection against a shared {@link FieldTable}. A document that uses anything
 * unsupported is refused whole; the other documents of the file still load.
 */
public final class RuleLoader {
    static final Pattern TECHNIQUE_TAG = Pattern.compile("cicd\\.t(\\d{3})", Pattern.CASE_INSENSITIVE);
    /** The matrix's tactics as tags name them, {@code cicd.recon} to {@code cicd.impt}, in the matrix's order. */
    static final List<String> TACTIC_IDS =
            List.of("recon", "init", "exec", "pers", "priv", "evas", "cred", "latm", "exfl", "impt");
    private static final Pattern TIMESPAN = Pattern.compile("(\\d+)([smhdw])");
    private static final Set<String> CONDITION_KEYS = Set.of("gt", "gte", "lt", "lte", "eq");

    private final FieldTable table;

    public RuleLoader(FieldTable table) {
        this.table = table;
    }

    /** The rules of one file, and the documents refused with why. */
    public record Loaded(List<Rule> rules, List<RuleException> refused) {
    }

    public Loaded load(String file, String text) {
        List<Rule> rules = new ArrayList<>();
        List<RuleException> refused = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder().setLabel(file).setSchema(new CoreSchema()).build();
        try {
            for (Node document : new Compose(settings).composeAllFromString(text)) {
                try {
                    rules.add(new Document(file, text, document).rule());
                } catch (RuleException e) {
                    refused.add(e);
                }
            }
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            refused.add(new RuleException(file, line, "not valid YAML: " + e.getProblem()));
        } catch (YamlEngineException e) {
            refused.add(new RuleException(file, 0, "not valid YAML: " + e.getMessage()));
        }
        return new Loaded(rules, refused);
    }

    /** One YAML document being turned into a rule; every helper fails with this file and the node's line. */
    private final class Document {
        private final String file;
        private final String text;
        private final Node root;

        Document(String file, String text, Node root) {
            this.file = file;
            this.text = text;
            this.root = root;
        }

        Rule rule() {
            MappingNode map = mapping(root, "a rule");
            Map<String, Node> keys = entries(map);
            if (keys.containsKey("action")) {
                throw refuse(keys.get("action"), "rule collections ('action: global/reset/repeat') are not "
                        + "supported; write each rule as its own document");
            }
            if (keys.containsKey("filter")) {
                throw refuse(keys.get("filter"), "Sigma filter documents are not supported");
            }
            String title = requiredString(keys, "title", map);
            String taxonomy = optionalString(keys, "taxonomy");
            if (taxonomy != null && !taxonomy.equalsIgnoreCase("sigma")) {
                throw refuse(keys.get("taxonomy"), "taxonomy '" + taxonomy + "' is not supported (only sigma)");
            }
            String id = optionalString(keys, "id");
            String name = optionalString(keys, "name");
            String status = optionalString(keys, "status");
            if (status != null && (status.equalsIgnoreCase("deprecated") || status.equalsIgnoreCase("unsupported"))) {
                throw refuse(keys.get("status"), "status '" + status + "' rules are not run");
            }
            Severity severity = Severity.MEDIUM;
            if (keys.containsKey("level")) {
                String level = scalar(keys.get("level"), "level");
                severity = Severity.fromSigmaLevel(level)
                        .orElseThrow(() -> refuse(keys.get("level"), "unknown level '" + level + "'"));
            }
            List<String> tags = keys.containsKey("tags") ? strings(keys.get("tags"), "tags") : List.of();
            List<String> techniques = new ArrayList<>();
            List<String> tactics = new ArrayList<>();
            for (String tag : tags) {
                Matcher m = TECHNIQUE_TAG.matcher(tag.trim());
                if (m.matches()) {
                    techniques.add("CICD-T" + m.group(1));
                } else if (tag.toLowerCase(Locale.ROOT).startsWith("cicd.")
                        && TACTIC_IDS.contains(tag.substring(5).toLowerCase(Locale.ROOT))) {
                    tactics.add(tag.substring(5).toUpperCase(Locale.ROOT));
                }
            }
            String control = optionalString(keys, "control");
            if (control != null && !control.matches("CICD-D\\d{3}")) {
                throw refuse(keys.get("control"), "control '" + control + "' is not a detective control id "
                        + "(CICD-Dnnn)");
            }
            String description = optionalString(keys, "description");
            String documentText = documentText();
            int line = line(root);

            Baseline baseline = null;
            List<String> groupBy = List.of();
            if (keys.containsKey("cimatrix")) {
                Map<String, Node> ext = entries(mapping(keys.get("cimatrix"), "cimatrix"));
                for (Map.Entry<String, Node> e : ext.entrySet()) {
                    switch (e.getKey()) {
                        case "firstSeen" -> baseline = baseline(e.getValue());
                        case "groupBy" -> groupBy = strings(e.getValue(), "cimatrix.groupBy");
                        default -> throw refuse(e.getValue(), "unknown cimatrix extension '" + e.getKey() + "'");
                    }
                }
            }

            if (keys.containsKey("correlation")) {
                if (keys.containsKey("detection")) {
                    throw refuse(keys.get("detection"), "a document cannot be both a correlation and a detection");
                }
                if (baseline != null) {
                    throw refuse(keys.get("cimatrix"), "cimatrix.firstSeen applies to detections, not "
                            + "correlations");
                }
                Correlation correlation = correlation(keys.get("correlation"), keys.get("generate"));
                return new Rule(id, name, title, description, status, severity, null, tags, techniques, tactics,
                        control, correlation.groupBy(), file, line, documentText, null, correlation, null);
            }
            if (!keys.containsKey("logsource")) {
                throw refuse(map, "missing 'logsource'");
            }
            EventSource source = logsource(keys.get("logsource"));
            if (!keys.containsKey("detection")) {
                throw refuse(map, "missing 'detection'");
            }
            EventTest detection = detection(keys.get("detection"));
            if (baseline != null) {
                baseline.key().forEach(table::slot);
                baseline.value().forEach(table::slot);
            }
            groupBy.forEach(table::slot);
            return new Rule(id, name, title, description, status, severity, source, tags, techniques, tactics,
                    control, groupBy, file, line, documentText, detection, null, baseline);
        }

        private Baseline baseline(Node node) {
            Map<String, Node> keys = entries(mapping(node, "cimatrix.firstSeen"));
            for (String k : keys.keySet()) {
                if (!Set.of("key", "value", "rarerThan").contains(k)) {
                    throw refuse(keys.get(k), "unknown key '" + k + "' in cimatrix.firstSeen");
                }
            }
            if (!keys.containsKey("key") || !keys.containsKey("value")) {
                throw refuse(node, "cimatrix.firstSeen needs 'key' and 'value'");
            }
            int rarerThan = 1;
            if (keys.containsKey("rarerThan")) {
                rarerThan = positiveInt(keys.get("rarerThan"), "rarerThan");
            }
            return new Baseline(strings(keys.get("key"), "key"), strings(keys.get("value"), "value"), rarerThan);
        }

        private EventSource logsource(Node node) {
            Map<String, Node> keys = entries(mapping(node, "logsource"));
            String product = optionalString(keys, "product");
            String service = optionalString(keys, "service");
            String category = optionalString(keys, "category");
            Optional<EventSource> source = product == null || service == null ? Optional.empty()
                    : EventSource.byLogsource(product, service);
            return source.orElseThrow(() -> refuse(node, "logsource " + describe(category, product, service)
                    + " is not a log cimatrix reads (supported: github/audit, github/webhook, gitlab/audit, "
                    + "aws/cloudtrail, kubernetes/audit)"));
        }

        private String describe(String category, String product, String service) {
            List<String> parts = new ArrayList<>();
            if (category != null) {
                parts.add("category " + category);
            }
            if (product != null) {
                parts.add("product " + product);
            }
            if (service != null) {
                parts.add("service " + service);
            }
            return parts.isEmpty() ? "(empty)" : String.join(", ", parts);
        }

        private EventTest detection(Node node) {
            MappingNode map = mapping(node, "detection");
            Map<String, EventTest> identifiers = new LinkedHashMap<>();
            Node condition = null;
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode(), "a search identifier");
                if (key.equals("condition")) {
                    condition = t.getValueNode();
                } else if (key.equals("timeframe")) {
                    throw refuse(t.getKeyNode(), "'timeframe' belongs to aggregations removed in Sigma 2; use a "
                            + "correlation rule with a timespan");
                } else {
                    identifiers.put(key, search(key, t.getValueNode()));
                }
            }
            if (condition == null) {
                throw refuse(node, "detection has no 'condition'");
            }
            if (identifiers.isEmpty()) {
                throw refuse(node, "detection has no search identifiers");
            }
            List<String> conditions = condition instanceof SequenceNode ? strings(condition, "condition")
                    : List.of(scalar(condition, "condition"));
            List<EventTest> alternatives = new ArrayList<>();
            for (String c : conditions) {
                try {
                    alternatives.add(ConditionParser.parse(c, identifiers));
                } catch (IllegalArgumentException e) {
                    throw refuse(condition, e.getMessage());
                }
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new EventTest.Or(alternatives);
        }

        /** A search identifier: a map (AND of field clauses), a list of maps (OR), or keywords. */
        private EventTest search(String name, Node node) {
            if (node instanceof MappingNode map) {
                return fieldClauses(map);
            }
            if (node instanceof SequenceNode seq) {
                List<Node> items = seq.getValue();
                if (items.isEmpty()) {
                    throw refuse(node, "search identifier '" + name + "' is an empty list");
                }
                if (items.stream().allMatch(i -> i instanceof MappingNode)) {
                    List<EventTest> alternatives = new ArrayList<>();
                    for (Node item : items) {
                        alternatives.add(fieldClauses((MappingNode) item));
                    }
                    return alternatives.size() == 1 ? alternatives.get(0) : new EventTest.Or(alternatives);
                }
                if (items.stream().allMatch(i -> i instanceof ScalarNode)) {
                    return keywords(List.of(), values(node), node);
                }
                throw refuse(node, "search identifier '" + name + "' mixes maps and plain values in one list");
            }
            return keywords(List.of(), values(node), node);
        }

        private EventTest keywords(List<String> modifiers, List<String> values, Node node) {
            try {
                return ValueCompiler.keywords(modifiers, values, table);
            } catch (IllegalArgumentException e) {
                throw refuse(node, e.getMessage());
            }
        }

        private EventTest fieldClauses(MappingNode map) {
            if (map.getValue().isEmpty()) {
                throw refuse(map, "empty detection map");
            }
            List<EventTest> clauses = new ArrayList<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode(), "a field name");
                String[] parts = key.split("\\|", -1);
                String field = parts[0].trim();
                List<String> modifiers = Arrays.asList(parts).subList(1, parts.length);
                Node valueNode = t.getValueNode();
                try {
                    if (field.isEmpty()) {
                        clauses.add(ValueCompiler.keywords(modifiers, values(valueNode), table));
                    } else {
                        clauses.add(ValueCompiler.field(field, modifiers, values(valueNode), table));
                    }
                } catch (IllegalArgumentException e) {
                    throw refuse(t.getKeyNode(), e.getMessage());
                }
            }
            return clauses.size() == 1 ? clauses.get(0) : new EventTest.And(clauses);
        }

        /** A scalar or a list of scalars; a YAML null becomes a null element (the Sigma value null). */
        private List<String> values(Node node) {
            if (node instanceof ScalarNode s) {
                List<String> one = new ArrayList<>();
                one.add(isNull(s) ? null : s.getValue());
                return one;
            }
            if (node instanceof SequenceNode seq) {
                List<String> out = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode s)) {
                        throw refuse(item, "a nested list or map as a value");
                    }
                    out.add(isNull(s) ? null : s.getValue());
                }
                return out;
            }
            throw refuse(node, "a map as a value");
        }

        private Correlation correlation(Node node, Node generateNode) {
            Map<String, Node> keys = entries(mapping(node, "correlation"));
            String typeName = requiredString(keys, "type", node);
            Correlation.Type type = Arrays.stream(Correlation.Type.values())
                    .filter(t -> t.sigmaName().equals(typeName)).findFirst()
                    .orElseThrow(() -> refuse(keys.get("type"), "correlation type '" + typeName + "' is not "
                            + "supported (event_count, value_count, temporal, temporal_ordered)"));
            for (String k : keys.keySet()) {
                if (!Set.of("type", "rules", "group-by", "timespan", "condition", "aliases", "generate")
                        .contains(k)) {
                    throw refuse(keys.get(k), "unknown correlation key '" + k + "'");
                }
            }
            if (!keys.containsKey("rules")) {
                throw refuse(node, "correlation needs 'rules'");
            }
            List<String> rules = strings(keys.get("rules"), "rules");
            List<String> groupBy = keys.containsKey("group-by") ? strings(keys.get("group-by"), "group-by")
                    : List.of();
            String span = requiredString(keys, "timespan", node);
            Matcher m = TIMESPAN.matcher(span.trim());
            if (!m.matches()) {
                throw refuse(keys.get("timespan"), "timespan '" + span + "' is not a number with s, m, h, d or w");
            }
            long unit = switch (m.group(2)) {
                case "s" -> 1_000L;
                case "m" -> 60_000L;
                case "h" -> 3_600_000L;
                case "d" -> 86_400_000L;
                default -> 7 * 86_400_000L;
            };
            long timespan = Long.parseLong(m.group(1)) * unit;
            Map<String, Long> condition = new LinkedHashMap<>();
            String valueField = null;
            if (keys.containsKey("condition")) {
                Map<String, Node> cond = entries(mapping(keys.get("condition"), "condition"));
                for (Map.Entry<String, Node> c : cond.entrySet()) {
                    if (c.getKey().equals("field")) {
                        valueField = scalar(c.getValue(), "condition.field");
                    } else if (CONDITION_KEYS.contains(c.getKey())) {
                        condition.put(c.getKey(), (long) positiveOrZero(c.getValue(), c.getKey()));
                    } else {
                        throw refuse(c.getValue(), "correlation condition '" + c.getKey() + "' is not supported "
                                + "(gt, gte, lt, lte, eq, field)");
                    }
                }
            }
            boolean temporal = type == Correlation.Type.TEMPORAL || type == Correlation.Type.TEMPORAL_ORDERED;
            if (!temporal && condition.isEmpty()) {
                throw refuse(node, type.sigmaName() + " needs a condition (gt, gte, lt, lte or eq)");
            }
            if (type == Correlation.Type.VALUE_COUNT && valueField == null) {
                throw refuse(node, "value_count needs condition.field");
            }
            if (temporal && condition.isEmpty()) {
                condition.put("gte", (long) rules.size());
            }
            Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
            if (keys.containsKey("aliases")) {
                for (Map.Entry<String, Node> a : entries(mapping(keys.get("aliases"), "aliases")).entrySet()) {
                    Map<String, String> perRule = new LinkedHashMap<>();
                    for (Map.Entry<String, Node> r : entries(mapping(a.getValue(), "alias")).entrySet()) {
                        perRule.put(r.getKey(), scalar(r.getValue(), "alias field"));
                    }
                    aliases.put(a.getKey(), perRule);
                }
            }
            Node gen = keys.containsKey("generate") ? keys.get("generate") : generateNode;
            boolean generate = gen != null && scalar(gen, "generate").equalsIgnoreCase("true");
            return new Correlation(type, rules, groupBy, timespan, condition, valueField, aliases, generate);
        }

        private int positiveOrZero(Node node, String what) {
            try {
                int n = Integer.parseInt(scalar(node, what).trim());
                if (n >= 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw refuse(node, "'" + what + "' must be a whole number of zero or more");
        }

        private int positiveInt(Node node, String what) {
            int n = positiveOrZero(node, what);
            if (n == 0) {
                throw refuse(node, "'" + what + "' must be at least 1");
            }
            return n;
        }

        private String documentText() {
            Optional<Mark> start = root.getStartMark();
            Optional<Mark> end = root.getEndMark();
            if (start.isEmpty() || end.isEmpty()) {
                return text;
            }
            return text.substring(start.get().getIndex(), Math.min(text.length(), end.get().getIndex()))
                    .stripTrailing() + "\n";
        }

        private MappingNode mapping(Node node, String what) {
            if (node instanceof MappingNode m) {
                return m;
            }
            throw refuse(node, what + " must be a map");
        }

        private Map<String, Node> entries(MappingNode map) {
            Map<String, Node> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                String key = scalar(t.getKeyNode(), "a key");
                if (out.put(key, t.getValueNode()) != null) {
                    throw refuse(t.getKeyNode(), "duplicate key '" + key + "'");
                }
            }
            return out;
        }

        private String scalar(Node node, String what) {
            if (node instanceof ScalarNode s && !isNull(s)) {
                return s.getValue();
            }
            throw refuse(node, what + " must be a single value");
        }

        private List<String> strings(Node node, String what) {
            if (node instanceof ScalarNode s && !isNull(s)) {
                return List.of(s.getValue());
            }
            if (node instanceof SequenceNode seq) {
                List<String> out = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    out.add(scalar(item, "an item of " + what));
                }
                return out;
            }
            throw refuse(node, what + " must be a list of values");
        }

        private String requiredString(Map<String, Node> keys, String key, Node parent) {
            if (!keys.containsKey(key)) {
                throw refuse(parent, "missing '" + key + "'");
            }
            return scalar(keys.get(key), key);
        }

        private String optionalString(Map<String, Node> keys, String key) {
            Node node = keys.get(key);
            if (node == null || (node instanceof ScalarNode s && isNull(s))) {
                return null;
            }
            return scalar(node, key);
        }

        private boolean isNull(ScalarNode s) {
            return s.getTag().equals(Tag.NULL);
        }

        private int line(Node node) {
            return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        }

        private RuleException refuse(Node node, String message) {
            return new RuleException(file, line(node), message);
        }
    }
}
