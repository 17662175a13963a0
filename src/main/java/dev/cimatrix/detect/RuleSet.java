package dev.cimatrix.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compiled set of rules: the built-in pack and any user rules, one shared {@link FieldTable}, the rules of each
 * source, and the correlations resolved to the rules they reference. Built once per run.
 */
public final class RuleSet {
    /** The hand-kept list of built-in rule files, one path under {@code rules/} per line; a test keeps it complete. */
    public static final String BUILTIN_INDEX = "rules/index.txt";
    /** The file label of built-in rules: this prefix and the path under {@code rules/}. */
    public static final String BUILTIN_LABEL_PREFIX = "builtin:";

    private static final Map<EventSource, List<String>> IDENTITY_FIELDS = new EnumMap<>(Map.of(
            EventSource.GITHUB_AUDIT, List.of("actor", "repo"),
            EventSource.GITHUB_WEBHOOK, List.of("sender.login", "repository.full_name"),
            EventSource.GITLAB_AUDIT, List.of("author_name", "entity_path"),
            EventSource.CLOUDTRAIL, List.of("userIdentity.arn"),
            EventSource.K8S_AUDIT, List.of("user.username")));

    /** Where a detection rule's matches feed a correlation. */
    record Binding(int correlation, int position, int[] groupSlots, int valueSlot) {
    }

    /**
     * A detection rule with everything the hot loop needs resolved to slots once.
     *
     * @param silenced referenced by a correlation without {@code generate}, so it does not alert on its own
     */
    record Compiled(Rule rule, EventTest test, int[] groupSlots, List<Binding> bindings, boolean silenced,
                    int[] baselineKey, int[] baselineValue) {
    }

    private final FieldTable table;
    private final List<Rule> rules;
    private final List<RuleException> refused;
    private final Map<EventSource, RuleDispatch> detectionsBySource;
    private final List<Rule> correlations;
    private final SourceClassifier classifier;
    private final EventTime eventTime;

    private RuleSet(FieldTable table, List<Rule> loaded, List<RuleException> refused, boolean indexed) {
        this.table = table;
        this.refused = refused;
        this.classifier = new SourceClassifier(table);
        this.eventTime = new EventTime(table);

        Map<String, Rule> byRef = new HashMap<>();
        for (Rule r : loaded) {
            if (!r.isCorrelation()) {
                if (r.id() != null) {
                    byRef.put(r.id(), r);
                }
                if (r.name() != null) {
                    byRef.put(r.name(), r);
                }
            }
        }
        List<Rule> accepted = new ArrayList<>();
        List<Rule> correlationRules = new ArrayList<>();
        Map<Rule, List<Binding>> bound = new IdentityHashMap<>();
        Set<Rule> quiet = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Rule r : loaded) {
            if (!r.isCorrelation()) {
                accepted.add(r);
                continue;
            }
            try {
                Rule resolved = resolve(r, byRef, correlationRules.size(), bound, quiet);
                correlationRules.add(resolved);
                accepted.add(resolved);
            } catch (RuleException e) {
                refused.add(e);
            }
        }
        this.rules = List.copyOf(accepted);
        this.correlations = List.copyOf(correlationRules);

        Map<EventSource, List<Compiled>> bySource = new EnumMap<>(EventSource.class);
        for (EventSource s : EventSource.values()) {
            bySource.put(s, new ArrayList<>());
        }
        for (Rule r : rules) {
            if (r.isCorrelation()) {
                continue;
            }
            List<String> fields = r.groupBy().isEmpty() ? IDENTITY_FIELDS.get(r.source()) : r.groupBy();
            Baseline b = r.baseline();
            bySource.get(r.source()).add(new Compiled(r, r.detection(), slots(fields),
                    List.copyOf(bound.getOrDefault(r, List.of())), quiet.contains(r),
                    b == null ? null : slots(b.key()), b == null ? null : slots(b.value())));
        }
        this.detectionsBySource = new EnumMap<>(EventSource.class);
        bySource.forEach((s, list) -> {
            Compiled[] compiled = list.toArray(new Compiled[0]);
            detectionsBySource.put(s, indexed ? RuleDispatch.of(compiled) : RuleDispatch.unindexed(compiled));
        });
    }

    private int[] slots(List<String> fields) {
        return fields.stream().mapToInt(table::slot).toArray();
    }

    private Rule resolve(Rule correlationRule, Map<String, Rule> byRef, int index, Map<Rule, List<Binding>> bound,
                         Set<Rule> quiet) {
        Correlation c = correlationRule.correlation();
        EventSource source = null;
        boolean mixed = false;
        List<Map.Entry<Rule, Binding>> pending = new ArrayList<>();
        for (int position = 0; position < c.rules().size(); position++) {
            String ref = c.rules().get(position);
            Rule base = byRef.get(ref);
            if (base == null) {
                throw new RuleException(correlationRule.file(), correlationRule.line(), "correlation references "
                        + "rule '" + ref + "', which is not loaded (or is itself a correlation: chained correlations "
                        + "are not supported)");
            }
            int[] slots = new int[c.groupBy().size()];
            for (int g = 0; g < slots.length; g++) {
                slots[g] = table.slot(fieldFor(c, c.groupBy().get(g), base));
            }
            int valueSlot = c.valueField() == null ? -1 : table.slot(fieldFor(c, c.valueField(), base));
            pending.add(Map.entry(base, new Binding(index, position, slots, valueSlot)));
            if (source == null) {
                source = base.source();
            } else if (source != base.source()) {
                mixed = true;
            }
        }
        for (Map.Entry<Rule, Binding> p : pending) {
            bound.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue());
            if (!c.generate()) {
                quiet.add(p.getKey());
            }
        }
        return correlationRule.withSource(mixed ? null : source);
    }

    /** The field of a base rule's events that a correlation field or alias stands for. */
    private static String fieldFor(Correlation c, String field, Rule base) {
        Map<String, String> perRule = c.aliases().get(field);
        if (perRule == null) {
            return field;
        }
        String mapped = base.id() != null ? perRule.get(base.id()) : null;
        if (mapped == null && base.name() != null) {
            mapped = perRule.get(base.name());
        }
        return mapped != null ? mapped : field;
    }

    /** Loads rules; each call adds to one shared field table. */
    public static final class Builder {
        private final FieldTable table = new FieldTable();
        private final RuleLoader loader = new RuleLoader(table);
        private final List<Rule> rules = new ArrayList<>();
        private final List<RuleException> refused = new ArrayList<>();

        /** The rules shipped in the jar, listed in {@value #BUILTIN_INDEX}. */
        public Builder builtin() {
            for (String path : builtinPaths()) {
                add(BUILTIN_LABEL_PREFIX + path, resource("rules/" + path));
            }
            return this;
        }

        /** Every {@code .yml} and {@code .yaml} file under a directory (or the one file given), in path order. */
        /** Records a rule file that could not be read, to be listed with the other refused rules. */
        public Builder refuse(RuleException refusal) {
            refused.add(refusal);
            return this;
        }

        public Builder add(String label, String yaml) {
            RuleLoader.Loaded loaded = loader.load(label, yaml);
            rules.addAll(loaded.rules());
            refused.addAll(loaded.refused());
            return this;
        }

        public RuleSet build() {
            return build(true);
        }

        /** With {@code indexed} false every rule of a source is tested on every event of it, as a reference. */
        RuleSet build(boolean indexed) {
            List<RuleException> problems = new ArrayList<>(refused);
            List<Rule> unique = new ArrayList<>();
            Map<String, Rule> seen = new LinkedHashMap<>();
            for (Rule r : rules) {
                Rule earlier = r.id() == null ? null : seen.putIfAbsent(r.id(), r);
                if (earlier != null) {
                    problems.add(new RuleException(r.file(), r.line(), "rule id " + r.id() + " is already used by "
                            + earlier.file() + ":" + earlier.line()));
                } else {
                    unique.add(r);
                }
            }
            return new RuleSet(table, unique, problems, indexed);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The built-in rule files as listed in the index, for tests and {@code rules export}. */
    public static List<String> builtinPaths() {
        String index = resource(BUILTIN_INDEX);
        return index.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    private static String resource(String path) {
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path + " (the jar is incomplete)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every rule that loaded, detections and correlations, in load order. */
    public List<Rule> rules() {
        return rules;
    }

    /** Rules and documents refused, with file, line and the construct at fault. */
    public List<RuleException> refused() {
        return refused;
    }

    public Optional<Rule> find(String idOrName) {
        return rules.stream().filter(r -> idOrName.equals(r.id()) || idOrName.equals(r.name())
                || idOrName.equals(r.key())).findFirst();
    }

    /**
     * The rules a user means by {@code wanted}: the one with that id or name, else every rule of the file so named,
     * as {@code rules list} and {@code docs/rules.md} show it ({@code github-audit/webhook_deleted.yml}, with or
     * without {@code .yml} or the {@code builtin:} prefix, or the path of a rule file of one's own).
     */
    public List<Rule> matching(String wanted) {
        Optional<Rule> one = find(wanted);
        if (one.isPresent()) {
            return List.of(one.get());
        }
        String file = wanted.startsWith(BUILTIN_LABEL_PREFIX) ? wanted : BUILTIN_LABEL_PREFIX + wanted;
        return rules.stream().filter(r -> r.file() != null && (r.file().equals(wanted) || r.file().equals(file)
                || r.file().equals(file + ".yml"))).toList();
    }

    /** What {@link #matching} accepts, for suggestions: ids, names and built-in files without their prefix. */
    public List<String> names() {
        Set<String> names = new TreeSet<>();
        for (Rule r : rules) {
            names.add(r.key());
            if (r.name() != null) {
                names.add(r.name());
            }
            if (r.file() != null) {
                names.add(r.file().startsWith(BUILTIN_LABEL_PREFIX)
                        ? r.file().substring(BUILTIN_LABEL_PREFIX.length()) : r.file());
            }
        }
        return List.copyOf(names);
    }

    FieldTable table() {
        return table;
    }

    /** The detection rules of the event's source that its values can satisfy. */
    Compiled[] candidates(EventSource source, EventRecord event) {
        return detectionsBySource.get(source).candidates(event);
    }

    List<Rule> correlations() {
        return correlations;
    }

    SourceClassifier classifier() {
        return classifier;
    }

    EventTime eventTime() {
        return eventTime;
    }
}
