package dev.cimatrix.discover.yaml;

import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real-world GitHub Actions corpus loads, apart from the two starter templates that are not YAML. */
class RealWorldCorpusTest {

    @Test
    void everyWorkflowLoadsWithLocatableScalars() throws IOException {
        Path corpus = SharedData.file("corpus/real-world/github-actions");
        assumeTrue(Files.isDirectory(corpus), "no corpus at " + corpus);
        YamlLoader loader = new YamlLoader();
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        try (Stream<Path> files = Files.walk(corpus)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).toList()) {
                try {
                    LoadOutcome.resolveAndLocateEveryScalar(loader.load(file, corpus.relativize(file).toString(), YamlDialect.GITHUB));
                    loaded++;
                } catch (YamlLoadException e) {
                    failures.add(e.getMessage());
                }
            }
        }
        assertThat(loaded).isGreaterThan(2_000);
        // "group_id: {{ groupId }}" is a placeholder for the user to replace, which YAML reads as a mapping key
        assertThat(failures).hasSize(2).allSatisfy(message -> assertThat(message)
                .contains("actions__starter-workflows/code-scanning/nowsecure")
                .endsWith(":22: a mapping key must be a scalar"));
    }
}
