package dev.cimatrix.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Arbitrary bytes as a workflow, action, Terraform or Dependabot file through the whole scan; see {@link ScanOutcome}. Seeded
 * with the checks' and the fixes' fixtures, each with the last byte that picks its kind of file.
 */
class ScanFuzzTest {
    /** The checks' fixtures, and the fixes' (scripts in every quoting the fixes write for). */
    private static final List<Path> FIXTURES = List.of(Path.of("src/test/resources/checks"), Path.of("src/test/resources/fix"));
    private static Path dir;

    @BeforeAll
    static void prepare() throws IOException {
        dir = FuzzFiles.scratch("cimatrix-scan-fuzz");
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        List<ScanOutcome.As> kinds = List.of(ScanOutcome.As.values());
        for (Path fixtures : FIXTURES) {
            seedFrom(fixtures, kinds, seeds);
        }
        FuzzFiles.seed(ScanFuzzTest.class, "anyFileScansCleanly", seeds);
    }

    private static void seedFrom(Path fixtures, List<ScanOutcome.As> kinds, Map<String, byte[]> seeds) throws IOException {
        try (Stream<Path> files = Files.walk(fixtures)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = file.getFileName().toString();
                ScanOutcome.As as = name.endsWith(".tf") ? ScanOutcome.As.TERRAFORM
                        : name.matches("action\\.ya?ml") ? ScanOutcome.As.ACTION
                        : name.matches("dependabot\\.ya?ml") ? ScanOutcome.As.DEPENDABOT
                        : name.matches("\\.pre-commit-config\\.ya?ml") ? ScanOutcome.As.PRE_COMMIT
                        : name.matches("(.*\\.)?\\.?gitlab-ci\\.ya?ml") || fixtures.relativize(file).toString()
                                .contains("gitlab") ? ScanOutcome.As.GITLAB
                        : name.contains("azure-pipelines") || fixtures.relativize(file).toString().contains("azure")
                                ? ScanOutcome.As.AZURE
                        : fixtures.relativize(file).toString().contains("circleci") ? ScanOutcome.As.CIRCLECI
                        : fixtures.relativize(file).toString().contains("bitbucket") ? ScanOutcome.As.BITBUCKET
                        : name.equals("Jenkinsfile") || name.endsWith(".groovy") ? ScanOutcome.As.JENKINS
                        : name.matches("settings\\.ya?ml") || fixtures.relativize(file).toString().startsWith("github-")
                                && !fixtures.relativize(file).toString().contains("workflows") ? ScanOutcome.As.SETTINGS
                        : name.matches(".*\\.ya?ml") ? ScanOutcome.As.WORKFLOW : null;
                if (as != null) {
                    byte[] text = Files.readAllBytes(file);
                    byte[] seed = Arrays.copyOf(text, text.length + 1);
                    seed[text.length] = (byte) kinds.indexOf(as);
                    seeds.put(fixtures.getFileName() + "-" + fixtures.relativize(file).toString().replace('/', '-'), seed);
                }
            }
        }
    }

    @AfterAll
    static void removeDirectory() throws IOException {
        FuzzFiles.delete(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void anyFileScansCleanly(FuzzedDataProvider data) throws IOException {
        ScanOutcome.As as = data.pickValue(ScanOutcome.As.values());
        ScanOutcome.scanCleanly(data.consumeRemainingAsBytes(), as, dir);
    }
}
