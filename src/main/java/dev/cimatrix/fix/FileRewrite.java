package dev.cimatrix.fix;

import dev.cimatrix.discover.yaml.SourceText;
import dev.cimatrix.discover.yaml.YamlDialect;
import dev.cimatrix.discover.yaml.YamlDocument;
import dev.cimatrix.discover.yaml.YamlDocumentSet;
import dev.cimatrix.discover.yaml.YamlEntry;
import dev.cimatrix.discover.yaml.YamlLoadException;
import dev.cimatrix.discover.yaml.YamlLoader;
import dev.cimatrix.discover.yaml.YamlMapping;
import dev.cimatrix.discover.yaml.YamlNode;
import dev.cimatrix.discover.yaml.YamlScalar;
import dev.cimatrix.discover.yaml.YamlSequence;
import dev.cimatrix.model.Location;
import dev.cimatrix.model.Scalar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The planned changes to one YAML file's text: spans of values replaced, and entries added under a key of a mapping
 * (a step's {@code env} or {@code with}, an update's {@code cooldown}), appended to its block or as a new block. The text is edited in place, so comments and layout
 * stay; the new text is then read again and compared with the old node by node, and it is given only when it differs
 * exactly where the plan said.
 */
final class FileRewrite {
    /** Why a node found through an alias, or inside an anchored node that aliases copy, is not rewritten. */
    static final String ALIASED = "it is written in an anchored YAML node that an alias copies elsewhere (or through "
            + "the alias), so an edit would change every copy";
    private final String path;
    private final String text;
    private final YamlDocumentSet yaml;
    private final SourceText source;
    private final String lineBreak;
    /** The file's nodes by route, as written (not through aliases). */
    private final Map<String, YamlNode> nodes = new HashMap<>();
    /** The spans of the anchored nodes that aliases copy. */
    private final List<Location> aliased = new ArrayList<>();
    private final List<Edit> edits = new ArrayList<>();
    /** Per value route: the value's text as it must read after the rewrite. */
    private final Map<String, ValueChange> values = new HashMap<>();
    /** Per mapping owner route, per key: the entries to add, name to value text, in order. */
    private final Map<String, Map<String, Additions>> additions = new LinkedHashMap<>();
    private String failure = "";
    private final List<Lines> changed = new ArrayList<>();

    private record Edit(int start, int end, String text) {
    }

    /** The entries to add under one key of a mapping, and which keys a new block of them goes before. */
    static final class Additions {
        final YamlMapping owner;
        final String key;
        final List<String> before;
        final Map<String, String> entries = new LinkedHashMap<>();

        private Additions(YamlMapping owner, String key, List<String> before) {
            this.owner = owner;
            this.key = key;
            this.before = before;
        }

        void add(String name, String value) {
            entries.putIfAbsent(name, value);
        }
    }

    /** The edits to one value, in the value's own coordinates. */
    private static final class ValueChange {
        final String before;
        final List<Edit> edits = new ArrayList<>();

        ValueChange(String before) {
            this.before = before;
        }

        String after() {
            return applied(before, edits.stream().sorted(Comparator.comparingInt(Edit::start)).toList());
        }
    }

    FileRewrite(String path, String text, YamlDocumentSet yaml) {
        this.path = path;
        this.text = text;
        this.yaml = yaml;
        this.source = new SourceText(text);
        this.lineBreak = text.contains("\r\n") ? "\r\n" : "\n";
        for (YamlDocument document : yaml.documents()) {
            index(document.root());
        }
    }

    /** Why {@link #apply()} gave nothing. */
    String failure() {
        return failure;
    }

    /** The node at a route, such as {@code jobs.build.steps[2]}, or null. */
    YamlNode node(String route) {
        return nodes.get(route);
    }

    private void index(YamlNode node) {
        if (node == null) {
            return;
        }
        if (node.aliasSite().isPresent()) {
            // A copy made by an alias: the anchored original, which an edit would change in every copy.
            aliased.add(node.location());
            return;
        }
        nodes.putIfAbsent(node.location().route(), node);
        if (node instanceof YamlMapping mapping) {
            mapping.entries().forEach(e -> index(e.value()));
        } else if (node instanceof YamlSequence sequence) {
            sequence.items().forEach(this::index);
        }
    }

    /**
     * The mapping at a route, such as a step's, when it is written in the file itself (not through an alias) and can be
     * rewritten; else null.
     */
    YamlMapping mapping(String route) {
        return node(route) instanceof YamlMapping mapping && !copied(mapping.location()) ? mapping : null;
    }

    /** Whether a span lies inside an anchored node that an alias copies elsewhere. */
    private boolean copied(Location location) {
        for (Location anchored : aliased) {
            boolean startsInside = location.startLine() > anchored.startLine()
                    || (location.startLine() == anchored.startLine() && location.startColumn() >= anchored.startColumn());
            boolean endsInside = location.endLine() < anchored.endLine()
                    || (location.endLine() == anchored.endLine() && location.endColumn() <= anchored.endColumn());
            if (startsInside && endsInside) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entries to add under {@code key} of a mapping (a step's {@code env} or {@code with}, an update's
     * {@code cooldown}), or empty when they cannot be added there (the key holds a value written on one line, or no
     * mapping); a new block goes before the first of {@code before} that starts a line, else after the last entry.
     */
    Optional<Additions> additions(YamlMapping owner, String key, List<String> before) {
        Optional<YamlEntry> existing = owner.entry(key);
        if (existing.isPresent() && appendAt(existing.get()) < 0 && flowClose(existing.get()) < 0) {
            return Optional.empty();
        }
        return Optional.of(additions.computeIfAbsent(owner.location().route(), r -> new LinkedHashMap<>())
                .computeIfAbsent(key, k -> new Additions(owner, key, before)));
    }

    /** The YAML style a value is written in, when it is written in the file itself. */
    Optional<YamlScalar.Style> style(Scalar value) {
        return node(value.location().route()) instanceof YamlScalar scalar && !copied(scalar.location())
                ? Optional.of(scalar.style()) : Optional.empty();
    }

    /**
     * Replaces {@code value.value().substring(start, end)} by {@code replacement} (value text, escaped here for the
     * scalar's style), or says why it cannot.
     */
    Optional<String> replace(Scalar value, int start, int end, String replacement) {
        if (!(node(value.location().route()) instanceof YamlScalar scalar) || copied(scalar.location())
                || !scalar.text().equals(value.value())) {
            return Optional.of(ALIASED);
        }
        String written = escaped(replacement, scalar.style());
        if (written == null || (scalar.style() == YamlScalar.Style.PLAIN && start == 0
                && "\"'&*!|>%@`#,[]{}-?:".indexOf(written.charAt(0)) >= 0)) {
            return Optional.of("the value is a plain YAML scalar that the rewritten text would turn into another kind");
        }
        // The node's own mapping of its text to the source: exact for every style (a model value may not carry one).
        Location span = scalar.locate(start, end - start);
        int fileStart = source.charIndex(span.startLine() - 1, span.startColumn() - 1);
        int lastChar = source.charIndex(span.endLine() - 1, span.endColumn() - 1);
        edits.add(new Edit(fileStart, lastChar + sourceLength(lastChar, scalar.style()), written));
        values.computeIfAbsent(value.location().route(), r -> new ValueChange(value.value()))
                .edits.add(new Edit(start, end, replacement));
        return Optional.empty();
    }

    /** How many chars of the source spell the value's char that starts at {@code at}: more for an escape. */
    private int sourceLength(int at, YamlScalar.Style style) {
        if (style == YamlScalar.Style.SINGLE_QUOTED && text.startsWith("''", at)) {
            return 2;
        }
        if (style == YamlScalar.Style.DOUBLE_QUOTED && text.charAt(at) == '\\' && at + 1 < text.length()) {
            return switch (text.charAt(at + 1)) {
                case 'x' -> 4;
                case 'u' -> 6;
                case 'U' -> 10;
                default -> 2;
            };
        }
        return Character.charCount(text.codePointAt(at));
    }

    /** The replacement as written inside a scalar of this style, or null where it cannot be. */
    private static String escaped(String replacement, YamlScalar.Style style) {
        return switch (style) {
            case DOUBLE_QUOTED -> replacement.replace("\\", "\\\\").replace("\"", "\\\"");
            case SINGLE_QUOTED -> replacement.replace("'", "''");
            case PLAIN -> replacement.contains(": ") || replacement.contains(" #") ? null : replacement;
            case LITERAL, FOLDED -> replacement;
        };
    }

    // ---- applying ------------------------------------------------------------------------------------------------

    /** The file's new text, read back and checked; empty (with {@link #failure()}) when the check fails. */
    Optional<String> apply() {
        List<Edit> all = new ArrayList<>(edits);
        for (Map<String, Additions> byKey : additions.values()) {
            for (Additions added : byKey.values()) {
                if (added.entries.isEmpty()) {
                    continue;
                }
                Optional<Edit> insertion = insertion(added);
                if (insertion.isEmpty()) {
                    return fail(added.key + ": is written on one line or is empty; add the entries to it "
                            + "by hand");
                }
                all.add(insertion.get());
            }
        }
        // In order, the text between edits copied once: of an insertion and a replacement at one offset, the
        // insertion first.
        all.sort(Comparator.comparingInt(Edit::start).thenComparingInt(Edit::end));
        String after = applied(text, all);
        if (after == null) {
            return fail("two fixes overlap");
        }
        changed.clear();
        for (Edit edit : all) {
            int first = source.lineOf(edit.start());
            int last = edit.end() > edit.start() ? source.lineOf(edit.end() - 1) + 1 : first;
            int delta = lineBreaks(edit.text()) - lineBreaks(text.substring(edit.start(), edit.end()));
            if (edit.start() == text.length() && !text.isEmpty() && !text.endsWith("\n")) {
                // Added after a last line without a line break: that line changes, as it gains one.
                last = first + 1;
                delta--;
            }
            changed.add(new Lines(first, last, delta));
        }
        Optional<String> problem = readsBackAsPlanned(after);
        if (problem.isPresent()) {
            return fail("the rewritten file did not read back as planned (" + problem.get() + "), so it is left unchanged");
        }
        return Optional.of(after);
    }

    /** A text with edits in order applied, each span of the text copied once; null when two edits overlap. */
    private static String applied(String text, List<Edit> inOrder) {
        StringBuilder out = new StringBuilder(text.length() + 64 * inOrder.size());
        int at = 0;
        for (Edit edit : inOrder) {
            if (edit.start() < at) {
                return null;
            }
            out.append(text, at, edit.start()).append(edit.text());
            at = edit.end();
        }
        return out.append(text, at, text.length()).toString();
    }

    /** Old lines {@code [start, end)} replaced by {@code end - start + delta} new ones. */
    record Lines(int start, int end, int delta) {
    }

    /** The lines the applied edits changed, in order: where a diff has to look. */
    List<Lines> changedLines() {
        return List.copyOf(changed);
    }

    private static int lineBreaks(String s) {
        int n = 0;
        for (int i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) {
            n++;
        }
        return n;
    }

    private Optional<String> fail(String reason) {
        failure = reason;
        return Optional.empty();
    }

    /** The lines that add the entries: appended to the step's block under the key, or a new block. */
    private Optional<Edit> insertion(Additions added) {
        Optional<YamlEntry> existing = added.owner.entry(added.key);
        if (existing.isPresent()) {
            int close = flowClose(existing.get());
            if (close >= 0) {
                StringBuilder inline = new StringBuilder();
                added.entries.forEach((name, value) -> inline.append(inline.isEmpty() ? "" : ", ").append(name)
                        .append(": ").append(flowValue(value)));
                boolean empty = ((YamlMapping) existing.get().value()).isEmpty();
                return Optional.of(new Edit(close, close, (empty ? "" : ", ") + inline));
            }
            int at = appendAt(existing.get());
            if (at < 0) {
                return Optional.empty();
            }
            YamlMapping mapping = (YamlMapping) existing.get().value();
            String indent = " ".repeat(mapping.entries().get(0).key().location().startColumn() - 1);
            return Optional.of(new Edit(at, at, leadingBreak(at) + entries(added, indent)));
        }
        List<YamlEntry> entries = added.owner.entries();
        String indent = " ".repeat(entries.get(0).key().location().startColumn() - 1);
        String block = indent + added.key + ":" + lineBreak + entries(added, indent + "  ");
        for (int i = 1; i < entries.size(); i++) {
            YamlEntry entry = entries.get(i);
            if (added.before.contains(entry.key().text())) {
                Location key = entry.key().location();
                int lineStart = source.charIndex(key.startLine() - 1, 0);
                if (text.substring(lineStart, source.charIndex(key.startLine() - 1, key.startColumn() - 1)).isBlank()) {
                    return Optional.of(new Edit(lineStart, lineStart, block));
                }
            }
        }
        int at = lineAfter(entries.get(entries.size() - 1).value());
        return Optional.of(new Edit(at, at, leadingBreak(at) + block));
    }

    /**
     * Where entries appended to the block mapping under an entry go: the start of the line after its last entry; -1
     * when the value is no mapping, is empty or is written on the key's line.
     */
    private int appendAt(YamlEntry entry) {
        if (!(entry.value() instanceof YamlMapping mapping) || mapping.isEmpty() || mapping.aliasSite().isPresent()
                || mapping.entries().get(0).key().location().startLine() == entry.key().location().startLine()) {
            return -1;
        }
        return lineAfter(mapping.entries().get(mapping.size() - 1).value());
    }

    /**
     * The offset of the closing brace of a flow mapping written on one line under an entry ({@code cooldown: {}},
     * {@code with: {fetch-depth: 1}}), before which entries are added; -1 for any other value.
     */
    private int flowClose(YamlEntry entry) {
        if (!(entry.value() instanceof YamlMapping mapping) || mapping.aliasSite().isPresent()) {
            return -1;
        }
        Location location = mapping.location();
        if (location.startLine() != location.endLine()) {
            return -1;
        }
        int open = source.charIndex(location.startLine() - 1, location.startColumn() - 1);
        int close = source.charIndex(location.endLine() - 1, location.endColumn() - 1);
        return close > open && text.charAt(open) == '{' && text.charAt(close) == '}' ? close : -1;
    }

    /** A value as written inside a flow mapping, where braces, brackets and commas end a plain one. */
    private static String flowValue(String value) {
        return value.chars().anyMatch(c -> "{}[],#:'\"".indexOf(c) >= 0) ? "'" + value.replace("'", "''") + "'" : value;
    }

    private String entries(Additions added, String indent) {
        StringBuilder out = new StringBuilder();
        added.entries.forEach((name, value) -> out.append(indent).append(name).append(": ").append(value).append(lineBreak));
        return out.toString();
    }

    /** A line break to put first when text is inserted at the end of a file that does not end with one. */
    private String leadingBreak(int at) {
        return at == text.length() && !text.isEmpty() && !text.endsWith("\n") && !text.endsWith("\r") ? lineBreak : "";
    }

    /** The offset of the start of the line after the one where a node's last character stands. */
    private int lineAfter(YamlNode node) {
        Location location = node.location();
        return location.endLine() >= source.lineOf(text.length()) + 1 ? text.length()
                : source.charIndex(location.endLine(), 0);
    }

    /**
     * Reads the new text and compares it with the old, node by node: it must differ only in the changed values (each
     * reading exactly as planned) and in the added entries.
     */
    private Optional<String> readsBackAsPlanned(String after) {
        YamlDocumentSet reread;
        try {
            reread = new YamlLoader().parse(path, after, YamlDialect.GITHUB);
        } catch (YamlLoadException e) {
            return Optional.of(e.getMessage());
        }
        if (reread.documents().size() != yaml.documents().size()) {
            return Optional.of("the number of YAML documents changed");
        }
        if (reread.diagnostics().size() != yaml.diagnostics().size()) {
            return Optional.of(reread.diagnostics().stream().filter(d -> !yaml.diagnostics().contains(d)).findFirst()
                    .map(d -> d.location().startLine() + ": " + d.message()).orElse("its warnings changed"));
        }
        for (int i = 0; i < yaml.documents().size(); i++) {
            Optional<String> difference = compare(yaml.documents().get(i).root(), reread.documents().get(i).root(), "");
            if (difference.isPresent()) {
                return difference;
            }
        }
        return Optional.empty();
    }

    private Optional<String> compare(YamlNode before, YamlNode after, String route) {
        ValueChange change = values.get(route);
        if (change != null) {
            return after instanceof YamlScalar s && s.text().equals(change.after()) ? Optional.empty()
                    : Optional.of(route + " does not read as planned");
        }
        if (before == null || before instanceof YamlScalar) {
            boolean same = before == null ? after == null
                    : after instanceof YamlScalar b && ((YamlScalar) before).text().equals(b.text())
                    && before.tag().equals(b.tag());
            return same ? Optional.empty() : Optional.of(route + " changed");
        }
        if (before instanceof YamlSequence a) {
            if (!(after instanceof YamlSequence b) || a.size() != b.size()) {
                return Optional.of(route + " changed");
            }
            for (int i = 0; i < a.size(); i++) {
                Optional<String> d = compare(a.get(i), b.get(i), route(a.get(i), b.get(i)));
                if (d.isPresent()) {
                    return d;
                }
            }
            return Optional.empty();
        }
        YamlMapping a = (YamlMapping) before;
        if (!(after instanceof YamlMapping b)) {
            return Optional.of(route + " changed");
        }
        List<String> keys = new ArrayList<>(b.keys());
        List<String> expected = new ArrayList<>(a.keys());
        Set<String> newBlocks = new java.util.HashSet<>();
        // New blocks under this mapping, and entries appended to it as a block under its owner.
        for (Additions added : additions.getOrDefault(route, Map.of()).values()) {
            if (!added.entries.isEmpty() && !a.containsKey(added.key)) {
                newBlocks.add(added.key);
                if (!keys.remove(added.key) || !(b.get(added.key).orElse(null) instanceof YamlMapping block)
                        || !holds(block, added, Set.of()) || block.size() != added.entries.size()) {
                    return Optional.of(route + "." + added.key + " does not read as planned");
                }
            }
        }
        Additions appended = appendedTo(route);
        if (appended != null) {
            expected.addAll(appended.entries.keySet());
            if (!holds(b, appended, Set.copyOf(a.keys()))) {
                return Optional.of(route + " does not read as planned");
            }
        }
        if (!keys.equals(expected)) {
            return Optional.of("the keys of " + (route.isEmpty() ? "the document" : route) + " changed");
        }
        // The keys agree, so the new entries without the new blocks start with the old ones, in order: compared
        // pairwise, not looked up one by one in a mapping that may have thousands of entries.
        List<YamlEntry> aligned = new ArrayList<>(b.size());
        for (YamlEntry entry : b.entries()) {
            if (!newBlocks.contains(entry.key().text())) {
                aligned.add(entry);
            }
        }
        for (int i = 0; i < a.size(); i++) {
            YamlNode old = a.entries().get(i).value();
            YamlNode next = aligned.get(i).value();
            Optional<String> d = compare(old, next, route(old, next));
            if (d.isPresent()) {
                return d;
            }
        }
        return Optional.empty();
    }

    /** The additions appended to the mapping at this route, when it is the block under a key of a step. */
    private Additions appendedTo(String route) {
        int dot = route.lastIndexOf('.');
        if (dot < 0) {
            return null;
        }
        Additions added = additions.getOrDefault(route.substring(0, dot), Map.of()).get(route.substring(dot + 1));
        return added != null && !added.entries.isEmpty() && added.owner.containsKey(added.key) ? added : null;
    }

    private static boolean holds(YamlMapping mapping, Additions added, Set<String> existing) {
        for (Map.Entry<String, String> entry : added.entries.entrySet()) {
            if (existing.contains(entry.getKey())
                    || !mapping.getText(entry.getKey()).map(entry.getValue()::equals).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    /** The route of a node in the new text, which names it as the old text did. */
    private static String route(YamlNode before, YamlNode after) {
        YamlNode node = after != null ? after : before;
        return node == null ? "" : node.location().route();
    }
}
