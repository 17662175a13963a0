package dev.cimatrix.analyze;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Findings accepted as they are, so a scan reports only new ones ({@code --baseline FILE}). Entries are
 * keyed by fingerprint, which holds no line numbers, so a baseline survives edits elsewhere in a file; the
 * check and path are kept beside it so people can read and prune the file.
 *
 * <p>The file is {@code {"version": 1, "fingerprints": [{"fingerprint", "check", "path"}, …]}}, sorted by
 * path, check and fingerprint so it diffs well under version control. Write it from a scan run without a
 * baseline, or the findings already in the old one are left out.
 */
public record Baseline(List<Entry> entries) {
    public static final int VERSION = 1;
    private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::path).thenComparing(Entry::check)
            .thenComparing(Entry::fingerprint);

    public record Entry(String fingerprint, String check, String path) {
    }

    public Baseline {
        Map<String, Entry> byFingerprint = new TreeMap<>();
        entries.forEach(e -> byFingerprint.putIfAbsent(e.fingerprint(), e));
        List<Entry> sorted = new ArrayList<>(byFingerprint.values());
        sorted.sort(ORDER);
        entries = List.copyOf(sorted);
    }

    public static Baseline of(List<Finding> findings) {
        return new Baseline(findings.stream()
                .map(f -> new Entry(f.fingerprint(), f.checkId(), f.location().path()))
                .toList());
    }

    /** What {@link Analyzer} takes to leave baselined findings out. */
    public Set<String> fingerprints() {
        Set<String> fingerprints = new LinkedHashSet<>();
        entries.forEach(e -> fingerprints.add(e.fingerprint()));
        return fingerprints;
    }

    /** Reads a baseline file; a file of another format or version is an {@link IOException} that says so. */
    public static Baseline read(Path file) throws IOException {
        JsonNode root;
        try {
            // From the bytes, so that text that is not UTF-8 is a JSON error with its place like any other.
            root = MAPPER.readTree(Files.readAllBytes(file));
        } catch (JacksonException e) {
            // Where the JSON breaks is what helps with a file of this tool's own making; the parser's wording is
            // about its own state.
            throw new IOException(file + " is not a cimatrix baseline: not valid JSON" + (e.getLocation() == null
                    ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        if (root == null || !root.isObject() || !root.path("fingerprints").isArray()) {
            throw new IOException(file + " is not a cimatrix baseline: expected {\"version\": 1, \"fingerprints\": [...]}");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw new IOException(file + (root.has("version") ? " is a baseline of version " + root.get("version")
                    : " is a baseline without a version") + "; this cimatrix reads version " + VERSION);
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.get("fingerprints")) {
            String fingerprint = node.path("fingerprint").asString("");
            if (fingerprint.isEmpty()) {
                throw new IOException(file + ": entry " + (entries.size() + 1) + " has no fingerprint");
            }
            entries.add(new Entry(fingerprint, node.path("check").asString(""), node.path("path").asString("")));
        }
        return new Baseline(entries);
    }

    public String toJson() {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("fingerprints");
        for (Entry e : entries) {
            list.addObject().put("fingerprint", e.fingerprint()).put("check", e.check()).put("path", e.path());
        }
        return MAPPER.writeValueAsString(root) + "\n";
    }
}
