package dev.cimatrix;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The package arrows of DESIGN.md: each stage reads the ones before it and nothing after it. */
class ArchitectureTest {
    private static final String ROOT = "dev.cimatrix";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Test classes wherever the build puts them: the fuzz profile builds into target/fuzz/test-classes,
                // which ArchUnit's own option does not know.
                .withImportOption(location -> !location.contains("/test-classes/"))
                .importPackages(ROOT);
    }

    private static void onlyUses(String pkg, String... allowed) {
        String[] permitted = new String[allowed.length + 1];
        permitted[0] = ROOT + "." + pkg + "..";
        for (int i = 0; i < allowed.length; i++) {
            permitted[i + 1] = ROOT + "." + allowed[i] + "..";
        }
        noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "belong to a package of ours that " + pkg + " may not use",
                        (com.tngtech.archunit.core.domain.JavaClass c) -> c.getPackageName().startsWith(ROOT + ".")
                                && !matchesAny(c.getPackageName(), permitted)))
                .allowEmptyShould(true)
                .check(classes);
    }

    private static boolean matchesAny(String packageName, String[] patterns) {
        for (String p : patterns) {
            String prefix = p.substring(0, p.length() - 2);
            if (packageName.equals(prefix) || packageName.startsWith(prefix + ".")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void catalogModelAndIoDependOnNothingOfOurs() {
        onlyUses("catalog");
        onlyUses("model");
        onlyUses("io");
    }

    @Test
    void discoverUsesOnlyModelAndCatalog() {
        onlyUses("discover", "model", "catalog", "io");
    }

    @Test
    void analyzeUsesOnlyModelAndCatalog() {
        onlyUses("analyze", "model", "catalog");
    }

    @Test
    void pathsAndCoverageReadFindingsButNotLaterStages() {
        onlyUses("paths", "model", "catalog", "analyze");
        onlyUses("coverage", "model", "catalog", "analyze", "detect");
    }

    @Test
    void detectUsesCatalogAndStore() {
        onlyUses("detect", "catalog", "store", "io");
        onlyUses("store", "model", "catalog", "io");
    }

    @Test
    void fixReadsTheModelTheFindingsAndTheFilesTheyCameFrom() {
        onlyUses("fix", "model", "catalog", "analyze", "discover", "io");
    }

    @Test
    void reportReadsEverythingButTheCommandLine() {
        onlyUses("report", "catalog", "model", "discover", "analyze", "paths", "coverage", "detect", "store");
    }

    @Test
    void nothingDependsOnTheCommandLine() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".cli..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".cli..")
                .check(classes);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
