package dev.cimatrix.discover.yaml;

import dev.cimatrix.model.AliasUse;
import dev.cimatrix.model.Location;

import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds positioned nodes straight from snakeyaml-engine's parser events. Composing from events rather than
 * from the engine's node graph is what lets an alias keep its own site and route (the engine's composer hands
 * back the anchored node object itself), and it enforces the depth and alias-expansion limits as it goes.
 */
final class DocumentBuilder {
    private final String path;
    private final SourceText source;
    private final Parser parser;
    private final YamlDialect dialect;
    private final YamlLimits limits;

    private final Map<String, YamlNode> anchors = new HashMap<>();
    /** Anchors whose collection is still being read: an alias to one of them would make a cycle. */
    private final Set<String> openAnchors = new HashSet<>();
    private List<YamlDiagnostic> diagnostics;
    private List<AliasUse> aliasUses;
    private int expansionBudget;
    /** End of the last node read from the source; a block collection ends where its last child ends. */
    private int lastEndLine;
    private int lastEndColumn;

    DocumentBuilder(String path, SourceText source, Parser parser, YamlDialect dialect, YamlLimits limits) {
        this.path = path;
        this.source = source;
        this.parser = parser;
        this.dialect = dialect;
        this.limits = limits;
        this.expansionBudget = limits.maxAliasExpansionNodes();
    }

    List<YamlDocument> documents() throws YamlLoadException {
        List<YamlDocument> documents = new ArrayList<>();
        parser.next(); // stream start
        while (!parser.checkEvent(Event.ID.StreamEnd)) {
            parser.next(); // document start
            anchors.clear();
            openAnchors.clear();
            diagnostics = new ArrayList<>();
            aliasUses = new ArrayList<>();
            YamlNode root = node("", 1);
            parser.next(); // document end
            documents.add(new YamlDocument(documents.size(), root, diagnostics, aliasUses));
        }
        return documents;
    }

    /** Reads the next node; {@code depth} is the nesting level it has if it is a collection. */
    private YamlNode node(String route, int depth) throws YamlLoadException {
        Event event = parser.next();
        return switch (event.getEventId()) {
            case Scalar -> scalar((ScalarEvent) event, route);
            case Alias -> {
                YamlNode copy = alias((AliasEvent) event, route, depth);
                aliasUses.add(new AliasUse(((AliasEvent) event).getAlias().getValue(), copy.aliasSite().orElseThrow()));
                yield copy;
            }
            case SequenceStart -> sequence((CollectionStartEvent) event, route, depth);
            case MappingStart -> mapping((CollectionStartEvent) event, route, depth);
            default -> throw error(event.getStartMark(), "unexpected " + event.getEventId());
        };
    }

    private YamlScalar scalar(ScalarEvent event, String route) {
        Location location = span(event.getStartMark().orElseThrow(), event.getEndMark().orElseThrow(), route);
        YamlScalar.Style style = style(event.getScalarStyle());
        String tag = event.getTag().orElse(null);
        String explicitTag;
        if (tag == null) {
            explicitTag = style == YamlScalar.Style.PLAIN ? null : YamlTags.STR;
        } else {
            explicitTag = tag.equals("!") ? YamlTags.STR : tag;
        }
        YamlScalar scalar = new YamlScalar(location, null, explicitTag, event.getValue(), style, source);
        // Tested in place rather than with ifPresent: a capturing lambda for every scalar of every file costs.
        if (event.getAnchor().isPresent()) {
            closeAnchor(event.getAnchor().get().getValue(), scalar);
        }
        return scalar;
    }

    private static YamlScalar.Style style(ScalarStyle style) {
        return switch (style) {
            case PLAIN -> YamlScalar.Style.PLAIN;
            case SINGLE_QUOTED -> YamlScalar.Style.SINGLE_QUOTED;
            case LITERAL -> YamlScalar.Style.LITERAL;
            case FOLDED -> YamlScalar.Style.FOLDED;
            case DOUBLE_QUOTED, JSON_SCALAR_STYLE -> YamlScalar.Style.DOUBLE_QUOTED;
        };
    }

    private YamlNode alias(AliasEvent event, String route, int depth) throws YamlLoadException {
        YamlNode target = aliasTarget(event);
        Location site = span(event.getStartMark().orElseThrow(), event.getEndMark().orElseThrow(), route);
        return copy(target, route, site, depth, site);
    }

    private YamlNode aliasTarget(AliasEvent event) throws YamlLoadException {
        String name = event.getAlias().getValue();
        YamlNode target = anchors.get(name);
        if (target != null) {
            return target;
        }
        if (openAnchors.contains(name)) {
            throw error(event.getStartMark(), "alias *" + name + " refers to a node that contains it");
        }
        throw error(event.getStartMark(), "alias *" + name + " has no anchor &" + name + " before it");
    }

    private YamlSequence sequence(CollectionStartEvent event, String route, int depth) throws YamlLoadException {
        Mark start = event.getStartMark().orElseThrow();
        checkDepth(depth, start);
        String anchor = openAnchor(event);
        List<YamlNode> items = new ArrayList<>();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            items.add(node(Routes.index(route, items.size()), depth + 1));
        }
        Event end = parser.next();
        YamlSequence sequence = new YamlSequence(collectionSpan(event, start, end, route), null, tag(event, YamlTags.SEQ), items);
        closeAnchor(anchor, sequence);
        return sequence;
    }

    private YamlMapping mapping(CollectionStartEvent event, String route, int depth) throws YamlLoadException {
        Mark start = event.getStartMark().orElseThrow();
        checkDepth(depth, start);
        String anchor = openAnchor(event);
        List<YamlEntry> entries = new ArrayList<>();
        KeyIndex keys = new KeyIndex(entries);
        List<PendingMerge> merges = null;
        while (!parser.checkEvent(Event.ID.MappingEnd)) {
            YamlScalar key = key(route, depth);
            YamlNode value = node(key.route(), depth + 1);
            if (dialect.mergeKeys() && key.isPlainUntagged() && key.text().equals("<<")) {
                if (isMergeSource(value)) {
                    if (merges == null) {
                        merges = new ArrayList<>();
                    }
                    merges.add(new PendingMerge(entries.size(), value));
                    continue;
                }
                diagnostics.add(new YamlDiagnostic(value.location(),
                        "the value of merge key << is not a mapping or a list of mappings; kept as an ordinary key"));
            }
            YamlScalar first = keys.find(key.text());
            if (first != null) {
                diagnostics.add(new YamlDiagnostic(key.location(), "duplicate key \"" + key.text()
                        + "\" ignored; the first one is on line " + first.location().startLine()));
            } else {
                YamlEntry entry = new YamlEntry(key, value);
                entries.add(entry);
                keys.added(entry);
            }
        }
        Event end = parser.next();
        Location location = collectionSpan(event, start, end, route);
        List<YamlEntry> all = merges == null ? entries : withMerges(entries, keys, merges, route, depth);
        YamlMapping mapping = new YamlMapping(location, null, tag(event, YamlTags.MAP), all);
        closeAnchor(anchor, mapping);
        return mapping;
    }

    /** Reads a mapping key, which must be a scalar (or an alias to one); its route is that of its entry. */
    private YamlScalar key(String mappingRoute, int depth) throws YamlLoadException {
        Event event = parser.next();
        if (event instanceof ScalarEvent scalar) {
            return scalar(scalar, Routes.key(mappingRoute, scalar.getValue()));
        }
        if (event instanceof AliasEvent alias && aliasTarget(alias) instanceof YamlScalar target) {
            return (YamlScalar) alias(alias, Routes.key(mappingRoute, target.text()), depth);
        }
        throw error(event.getStartMark(), "a mapping key must be a scalar");
    }

    private static boolean isMergeSource(YamlNode value) {
        if (value instanceof YamlMapping) {
            return true;
        }
        if (value instanceof YamlSequence sequence) {
            for (YamlNode item : sequence.items()) {
                if (!(item instanceof YamlMapping)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * Applies merge keys: each merged entry is placed where its {@code <<} stood, explicit keys win over
     * merged ones, and among merged mappings the earlier one wins, as the YAML merge-key type says.
     */
    private List<YamlEntry> withMerges(List<YamlEntry> explicit, KeyIndex explicitKeys, List<PendingMerge> merges,
                                       String route, int depth) throws YamlLoadException {
        List<YamlEntry> result = new ArrayList<>(explicit.size() + 8);
        Set<String> merged = new HashSet<>();
        int next = 0;
        for (PendingMerge merge : merges) {
            while (next < merge.position()) {
                result.add(explicit.get(next++));
            }
            List<YamlNode> sources = merge.value() instanceof YamlSequence list ? list.items() : List.of(merge.value());
            for (YamlNode sourceNode : sources) {
                YamlMapping sourceMapping = (YamlMapping) sourceNode;
                Location site = sourceMapping.aliasSiteOrNull();
                Location blame = site != null ? site : sourceMapping.location();
                for (YamlEntry entry : sourceMapping.entries()) {
                    String name = entry.key().text();
                    if (explicitKeys.find(name) != null || !merged.add(name)) {
                        continue;
                    }
                    String childRoute = Routes.key(route, name);
                    YamlScalar key = (YamlScalar) copy(entry.key(), childRoute, site, depth + 1, blame);
                    result.add(new YamlEntry(key, copy(entry.value(), childRoute, site, depth + 1, blame)));
                }
            }
        }
        while (next < explicit.size()) {
            result.add(explicit.get(next++));
        }
        return result;
    }

    /**
     * Copies a node to a new route, as an alias or merge key places it. Every copied node spends the file's
     * expansion budget, which is what stops an alias bomb; {@code site} (when not null) replaces the alias
     * site of every copied node, and {@code blame} is where an exceeded limit is reported.
     */
    private YamlNode copy(YamlNode node, String route, Location site, int depth, Location blame) throws YamlLoadException {
        if (--expansionBudget < 0) {
            throw new YamlLoadException(point(blame), "aliases and merge keys expand to more than "
                    + limits.maxAliasExpansionNodes() + " nodes");
        }
        if (node instanceof YamlScalar scalar) {
            return scalar.relocated(scalar.location().withRoute(route), site != null ? site : scalar.aliasSiteOrNull());
        }
        if (depth > limits.maxDepth()) {
            throw new YamlLoadException(point(blame), "nesting deeper than " + limits.maxDepth() + " levels through an alias");
        }
        if (node instanceof YamlMapping mapping) {
            List<YamlEntry> entries = new ArrayList<>(mapping.size());
            for (YamlEntry entry : mapping.entries()) {
                String childRoute = Routes.key(route, entry.key().text());
                YamlScalar key = (YamlScalar) copy(entry.key(), childRoute, site, depth + 1, blame);
                entries.add(new YamlEntry(key, copy(entry.value(), childRoute, site, depth + 1, blame)));
            }
            return new YamlMapping(mapping.location().withRoute(route), site != null ? site : mapping.aliasSiteOrNull(),
                    mapping.tag(), entries);
        }
        YamlSequence sequence = (YamlSequence) node;
        List<YamlNode> items = new ArrayList<>(sequence.size());
        for (YamlNode item : sequence.items()) {
            items.add(copy(item, Routes.index(route, items.size()), site, depth + 1, blame));
        }
        return new YamlSequence(sequence.location().withRoute(route), site != null ? site : sequence.aliasSiteOrNull(),
                sequence.tag(), items);
    }

    private void checkDepth(int depth, Mark start) throws YamlLoadException {
        if (depth > limits.maxDepth()) {
            throw error(Optional.of(start), "nesting deeper than " + limits.maxDepth() + " levels");
        }
    }

    private String openAnchor(NodeEvent event) {
        if (event.getAnchor().isEmpty()) {
            return null;
        }
        String name = event.getAnchor().get().getValue();
        anchors.remove(name);
        openAnchors.add(name);
        return name;
    }

    private void closeAnchor(String name, YamlNode node) {
        if (name != null) {
            openAnchors.remove(name);
            anchors.put(name, node);
        }
    }

    private static String tag(CollectionStartEvent event, String implicitTag) {
        String tag = event.getTag().orElse(null);
        return tag == null || tag.equals("!") ? implicitTag : tag;
    }

    /** A flow collection ends at its closing bracket, a block collection where its last child ends. */
    private Location collectionSpan(CollectionStartEvent event, Mark start, Event end, String route) {
        if (event.isFlow()) {
            return span(start, end.getEndMark().orElseThrow(), route);
        }
        int startLine = start.getLine() + 1;
        int startColumn = start.getColumn() + 1;
        if (lastEndLine < startLine || (lastEndLine == startLine && lastEndColumn < startColumn)) {
            lastEndLine = startLine;
            lastEndColumn = startColumn;
        }
        return new Location(path, startLine, startColumn, lastEndLine, lastEndColumn, route);
    }

    /**
     * The span from a start mark to the last non-blank character before an end mark (block scalars end after
     * their trailing line breaks). A node with no characters, such as a missing value, is a point.
     */
    private Location span(Mark start, Mark end, String route) {
        int startLine = start.getLine() + 1;
        int startColumn = start.getColumn() + 1;
        if (end.getIndex() <= start.getIndex()) {
            return new Location(path, startLine, startColumn, startLine, startColumn, route);
        }
        int last = source.charIndex(end.getLine(), end.getColumn()) - 1;
        if (end.getColumn() > 0 && !SourceText.isBlank(source.charAt(last))) {
            lastEndLine = end.getLine() + 1;
            lastEndColumn = end.getColumn();
        } else {
            int first = source.charIndex(start.getLine(), start.getColumn());
            while (last > first && SourceText.isBlank(source.charAt(last))) {
                last--;
            }
            last = source.codePointStart(Math.max(last, first));
            int line = source.lineOf(last);
            lastEndLine = line + 1;
            lastEndColumn = source.columnOf(line, last) + 1;
        }
        return new Location(path, startLine, startColumn, lastEndLine, lastEndColumn, route);
    }

    private static Location point(Location location) {
        return new Location(location.path(), location.startLine(), location.startColumn(),
                location.startLine(), location.startColumn(), "");
    }

    private YamlLoadException error(Optional<Mark> mark, String reason) {
        return mark.map(m -> YamlLoadException.at(path, m.getLine() + 1, m.getColumn() + 1, reason))
                .orElseGet(() -> YamlLoadException.at(path, 1, 1, reason));
    }

    private record PendingMerge(int position, YamlNode value) {
    }

    /** Finds a key among the entries so far: a scan while the mapping is small, a hash index once it grows. */
    private static final class KeyIndex {
        private static final int SCAN_LIMIT = 8;
        private final List<YamlEntry> entries;
        private Map<String, YamlScalar> index;

        KeyIndex(List<YamlEntry> entries) {
            this.entries = entries;
        }

        YamlScalar find(String key) {
            if (index == null) {
                if (entries.size() <= SCAN_LIMIT) {
                    for (int i = 0, n = entries.size(); i < n; i++) {
                        YamlEntry entry = entries.get(i);
                        if (entry.key().text().equals(key)) {
                            return entry.key();
                        }
                    }
                    return null;
                }
                index = new HashMap<>();
                for (YamlEntry entry : entries) {
                    index.put(entry.key().text(), entry.key());
                }
            }
            return index.get(key);
        }

        void added(YamlEntry entry) {
            if (index != null) {
                index.put(entry.key().text(), entry.key());
            }
        }
    }
}
