package dev.cimatrix.analyze;

import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every check is complete: a catalog entry with cells, controls and remediation, fixtures with a positive
 * and a negative case, and a docs page that argues its severity and confidence; and every catalog entry
 * has a check.
 */
class CheckMetaTest {
    private final Catalog catalog = Catalog.builtin();
    private final List<Check> checks = CheckRegistry.all(ScanConfig.defaults());

    @Test
    void registryAndCatalogNameTheSameChecks() {
        assertThat(checks.stream().map(Check::id).toList())
                .containsExactlyInAnyOrderElementsOf(catalog.checks().stream().map(CheckInfo::id).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void everyCatalogEntryIsComplete() {
        for (CheckInfo info : catalog.checks()) {
            assertThat(info.id()).matches("[a-z]+(-[a-z0-9]+)+");
            assertThat(info.cells()).as("%s cells", info.id()).isNotEmpty();
            assertThat(info.controls()).as("%s controls", info.id()).isNotEmpty();
            assertThat(info.remediation()).as("%s remediation", info.id()).hasSizeGreaterThan(30);
            assertThat(info.references()).as("%s references", info.id()).isNotEmpty();
            assertThat(info.classes()).as("%s classes", info.id()).isNotEmpty();
        }
    }

    @Test
    void everyCheckHasPositiveAndNegativeFixtures() throws IOException {
        for (Check check : checks) {
            Path dir = CheckFixturesTest.FIXTURES.resolve(check.id());
            assertThat(dir).as("fixtures of %s", check.id()).isDirectory();
            assertThat(CheckFixturesTest.expected(dir, check.id())).as("%s has an `# expect:` case", check.id()).isNotEmpty();
            try (Stream<Path> files = Files.walk(dir)) {
                boolean negative = files.filter(Files::isRegularFile).anyMatch(f -> {
                    try {
                        String text = Files.readString(f);
                        return text.contains("# ok:") || text.contains("// ok:");
                    } catch (IOException e) {
                        return false;
                    }
                });
                assertThat(negative).as("%s has an `# ok:` case", check.id()).isTrue();
            }
        }
    }

    @Test
    void everyCheckHasADocsPage() throws IOException {
        for (Check check : checks) {
            Path page = Path.of("docs", "checks", check.id() + ".md");
            assertThat(page).as("docs page of %s", check.id()).exists();
            String text = Files.readString(page);
            assertThat(text).as("%s page", check.id()).contains("# " + check.id());
            assertThat(text.toLowerCase()).as("%s page argues severity and confidence", check.id())
                    .contains("## severity and confidence").contains("severity **").contains("confidence **");
        }
    }
}
