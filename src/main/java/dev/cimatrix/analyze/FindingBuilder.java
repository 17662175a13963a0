package dev.cimatrix.analyze;

import dev.cimatrix.catalog.CheckInfo;
import dev.cimatrix.catalog.Confidence;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Location;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds one finding, starting from the check's catalog defaults. A check changes only what differs for
 * this finding (a lower confidence behind a gate, a higher severity with secrets in reach).
 */
public final class FindingBuilder {
    private final CheckInfo info;
    private final Location location;
    private final Consumer<Finding> sink;
    private final List<RelatedLocation> related = new ArrayList<>();
    private final Map<String, String> properties = new TreeMap<>();
    private String message;
    private Severity severity;
    private Confidence confidence;
    private List<String> cells;
    private String subject = "";

    FindingBuilder(CheckInfo info, Location location, Consumer<Finding> sink) {
        this.info = info;
        this.location = location;
        this.sink = sink;
        this.message = info.title();
        this.severity = info.severity();
        this.confidence = info.confidence();
        this.cells = info.cells();
    }

    public FindingBuilder message(String text) {
        this.message = text;
        return this;
    }

    /** Adds a clause to the message: after a semicolon, or as a sentence of its own after one that ends. */
    public FindingBuilder clause(String text) {
        if (message == null || message.isEmpty()) {
            message = text;
        } else if (message.endsWith(".")) {
            message = message + " " + Character.toUpperCase(text.charAt(0)) + text.substring(1) + ".";
        } else {
            message = message + "; " + text;
        }
        return this;
    }

    public FindingBuilder severity(Severity value) {
        this.severity = value;
        return this;
    }

    public FindingBuilder confidence(Confidence value) {
        this.confidence = value;
        return this;
    }

    /** Lowers confidence to {@code most} where it is higher. */
    public FindingBuilder confidenceAtMost(Confidence most) {
        if (confidence.compareTo(most) > 0) {
            this.confidence = most;
        }
        return this;
    }

    /** Lowers confidence by one level, for findings behind a gate that may hold. */
    public FindingBuilder lowerConfidence() {
        this.confidence = Confidence.values()[Math.max(0, confidence.ordinal() - 1)];
        return this;
    }

    /** Lowers severity by one level, for findings whose harm is bounded by what the job holds. */
    public FindingBuilder lowerSeverity() {
        this.severity = Severity.values()[Math.max(0, severity.ordinal() - 1)];
        return this;
    }

    public FindingBuilder cells(List<String> value) {
        this.cells = List.copyOf(value);
        return this;
    }

    public FindingBuilder related(Location where, String what) {
        if (where != null) {
            related.add(new RelatedLocation(where, what));
        }
        return this;
    }

    public FindingBuilder subject(String value) {
        this.subject = value == null ? "" : value;
        return this;
    }

    public FindingBuilder property(String key, String value) {
        properties.put(key, value);
        return this;
    }

    public void report() {
        sink.accept(new Finding(info.id(), info.title(), message, severity, confidence, location, related, cells,
                subject, fingerprint(info.id(), location, subject), properties));
    }

    /** Check id, file, YAML route and subject: no line numbers, so a baseline survives unrelated edits. */
    static String fingerprint(String checkId, Location location, String subject) {
        String key = checkId + "\u0000" + location.path() + "\u0000" + location.route() + "\u0000" + subject;
        byte[] hash = SHA_256.get().digest(key.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(hash, 0, 16);
    }

    /** One digest per thread: looking the algorithm up costs more than hashing a short key. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    });
}
