package dev.cimatrix.fix;

import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.checks.github.ArtipackedCheck;
import dev.cimatrix.analyze.checks.github.TemplateInjectionCheck;
import dev.cimatrix.model.Inventory;
import dev.cimatrix.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static dev.cimatrix.fix.TemplateInjectionFixTest.copy;
import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What has a fix, and every fix over the real-world corpus. */
class FixerTest {
    /** The catalog says which checks have an automatic fix (explain and the scan's summary tell users so): those. */
    @Test
    void theCatalogNamesTheChecksThatHaveAFix() {
        assertThat(dev.cimatrix.catalog.Catalog.builtin().checks().stream()
                .filter(dev.cimatrix.catalog.CheckInfo::fixable).map(dev.cimatrix.catalog.CheckInfo::id))
                .containsExactlyInAnyOrderElementsOf(Fixer.FIXABLE);
    }

    /**
     * Every repository of the real-world corpus with a finding that has a fix, fixed: of each fixable check, the
     * fixed findings are gone and the others stay; no finding of any check is new; every file reads without a new
     * problem.
     */
    @Test
    void fixingTheRealWorldCorpusAddsNoFindingAndNoProblem(@TempDir Path root) throws Exception {
        Path corpus = SharedData.file("corpus/real-world/github-actions");
        assumeTrue(Files.isDirectory(corpus), "the real-world corpus is not at " + corpus);
        Set<String> repositories = findings(read(corpus)).stream()
                .filter(f -> f.checkId().equals(TemplateInjectionCheck.ID))
                .map(f -> f.location().path().substring(0, f.location().path().indexOf('/')))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(repositories).hasSizeGreaterThan(10);
        for (String repository : repositories) {
            copy(corpus.resolve(repository), root.resolve(repository));
        }
        Inventory before = read(root);
        List<Finding> found = findings(before);
        Fixer.Plan plan = Fixer.plan(root, before, found);
        plan.write();
        Inventory after = read(root);
        List<Finding> remaining = findings(after);

        for (String check : List.of(TemplateInjectionCheck.ID, ArtipackedCheck.ID)) {
            long fixed = plan.files().stream().flatMap(f -> f.fixed().stream()).filter(f -> f.checkId().equals(check)).count();
            long left = plan.unfixed().stream().filter(u -> u.finding().checkId().equals(check)).count();
            assertThat(fixed).as(check + " fixed").isGreaterThan(40);
            assertThat(fixed + left).as(check).isEqualTo(found.stream().filter(f -> f.checkId().equals(check)).count());
            assertThat(remaining.stream().filter(f -> f.checkId().equals(check)).count()).as(check + " left").isEqualTo(left);
        }
        Set<String> earlier = found.stream().map(FixerTest::identity).collect(Collectors.toSet());
        assertThat(remaining.stream().map(FixerTest::identity).filter(id -> !earlier.contains(id)))
                .as("findings the fixes brought").isEmpty();
        assertThat(after.problems()).hasSameSizeAs(before.problems());
        for (Fixer.FileFix file : plan.files()) {
            assertThat(Files.readString(file.file())).isEqualTo(file.after()).isNotEqualTo(file.before());
        }
    }

    /** A finding as it stays through edits that move lines: its check, file and fingerprint. */
    private static String identity(Finding f) {
        return f.checkId() + " " + f.location().path() + " " + f.fingerprint();
    }
}
