package dev.cimatrix.analyze;

import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.model.ReadProblem;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every check over its fixtures in {@code src/test/resources/checks/<check-id>/}. A line marked
 * {@code # expect: <check-id>} ({@code // expect:} in a Jenkinsfile) must be where a finding of that check starts; any other finding of the check
 * in its own fixtures fails the test. Files under {@code .github/} in a fixture folder are read as a
 * repository (so local actions and reusable workflows resolve); other YAML files are read one by one.
 */
public class CheckFixturesTest {
    static final Path FIXTURES = Path.of("src", "test", "resources", "checks");
    private static final Pattern EXPECT = Pattern.compile("(?:#|//)\\s*expect:\\s*([a-z0-9-]+(?:\\s*,\\s*[a-z0-9-]+)*)");

    @TestFactory
    Stream<DynamicTest> everyCheckMatchesItsFixtures() throws IOException {
        List<Check> checks = CheckRegistry.all(ScanConfig.defaults());
        return checks.stream().map(check -> DynamicTest.dynamicTest(check.id(), () -> run(check.id())));
    }

    /**
     * Runs a check over its fixture folder, configured by the folder's own {@code .cimatrix.yml} when it has one (a
     * policy check needs a policy).
     */
    private static void run(String checkId) throws Exception {
        Path dir = FIXTURES.resolve(checkId);
        assertThat(dir).as("fixture folder of %s", checkId).isDirectory();
        Path configFile = dir.resolve(ScanConfigLoader.FILE_NAME);
        ScanConfig config = Files.isRegularFile(configFile) ? ScanConfigLoader.parse(configFile.toString(),
                Files.readString(configFile), Catalog.builtin().checks()) : ScanConfig.defaults();
        Check check = CheckRegistry.all(config).stream().filter(c -> c.id().equals(checkId)).findFirst().orElseThrow();
        Inventory inventory = read(dir);
        assertThat(inventory.problems().stream().filter(ReadProblem::fatal).toList())
                .as("fixtures of %s must parse", check.id()).isEmpty();
        Analyzer analyzer = new Analyzer(Catalog.builtin(), List.of(check), config, Profile.AUDITOR, Set.of());
        Set<String> actual = new TreeSet<>();
        for (Finding f : analyzer.analyze(inventory).findings()) {
            actual.add(f.location().path() + ":" + f.location().startLine() + " " + f.checkId());
        }
        assertThat(actual).as("findings of %s (file:line check)", check.id()).isEqualTo(expected(dir, check.id()));
    }

    /** Reads a fixture folder the way a scan reads a repository plus the loose files in it. */
    /** The inventory of a fixture folder: its files named as targets, so that each is read wherever it sits. */
    public static Inventory read(Path dir) throws Exception {
        List<Path> targets = new ArrayList<>();
        targets.add(dir);
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .filter(p -> !dir.relativize(p).toString().replace('\\', '/').contains(".github/"))
                    .filter(p -> !p.getFileName().toString().startsWith("action."))
                    .filter(p -> !p.getFileName().toString().equals(ScanConfigLoader.FILE_NAME))
                    .forEach(targets::add);
        }
        return new Discovery().discover(dir, targets, null);
    }

    static Set<String> expected(Path dir, String checkId) throws IOException {
        Set<String> expected = new TreeSet<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = dir.relativize(file).toString().replace('\\', '/');
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find()) {
                        for (String id : m.group(1).split(",")) {
                            if (id.strip().equals(checkId)) {
                                expected.add(relative + ":" + (i + 1) + " " + checkId);
                            }
                        }
                    }
                }
            }
        }
        return expected;
    }
}
