package dev.cimatrix.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs rules written inline over events written inline, through the real reader, parser and engine. */
final class Detection {
    private Detection() {
    }

    static RuleSet rules(String... yamlDocuments) {
        RuleSet.Builder builder = RuleSet.builder();
        for (int i = 0; i < yamlDocuments.length; i++) {
            builder.add("rule" + i + ".yml", yamlDocuments[i]);
        }
        RuleSet set = builder.build();
        if (!set.refused().isEmpty()) {
            throw new AssertionError("refused: " + set.refused().get(0).describe());
        }
        return set;
    }

    static Detector run(RuleSet rules, Detector.Options options, Path dir, String... jsonLines) {
        try {
            Path file = Files.createTempFile(dir, "events", ".jsonl");
            Files.writeString(file, String.join("\n", jsonLines) + "\n", StandardCharsets.UTF_8);
            Detector detector = new Detector(rules, options, null, a -> { });
            detector.read(file, "events.jsonl", false, () -> true);
            detector.finish();
            return detector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Alert> alerts(RuleSet rules, Path dir, String... jsonLines) {
        return run(rules, Detector.Options.defaults(), dir, jsonLines).alerts();
    }

    /** A GitHub audit rule around one detection body (indented YAML under {@code detection:}). */
    static String githubRule(String detectionBody) {
        return """
                title: test rule
                id: test-rule
                logsource:
                  product: github
                  service: audit
                level: high
                detection:
                """ + detectionBody.stripIndent().lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
