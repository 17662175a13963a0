package dev.cimatrix.analyze.github;

import dev.cimatrix.analyze.Derived;
import dev.cimatrix.analyze.Finding;
import dev.cimatrix.analyze.WorkflowFiles;
import dev.cimatrix.analyze.checks.github.SecretsInheritCheck;
import dev.cimatrix.catalog.Severity;
import dev.cimatrix.model.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RepositoryIdentityTest {
    @TempDir
    Path dir;

    private static final String CALLER = """
            on: push
            jobs:
              call:
                uses: acme/app/.github/workflows/build.yml@main
                secrets: inherit
            """;

    private static String guarded(String condition) {
        return """
                on: schedule
                jobs:
                  nightly:
                    if: %s
                    runs-on: ubuntu-latest
                    steps:
                      - run: make
                """.formatted(condition);
    }

    private Inventory inventory(String folder, String... workflows) throws Exception {
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < workflows.length; i++) {
            files.put("w" + i + ".yml", workflows[i]);
        }
        return WorkflowFiles.read(dir, folder, files);
    }

    private Finding inherit(Inventory inventory) {
        List<Finding> findings = WorkflowFiles.check(inventory, new SecretsInheritCheck());
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }

    @Test
    void theOneRepositoryTheConditionsNameIsTheFoldersOwn() throws Exception {
        Inventory inventory = inventory("app", CALLER, guarded("github.repository == 'Acme/App'"));
        assertThat(RepositoryIdentity.named(inventory, new Derived(), "app/.github/workflows/w0.yml")).contains("acme/app");
        Finding own = inherit(inventory);
        assertThat(own.severity()).isEqualTo(Severity.LOW);
        assertThat(own.message()).contains("its own workflow");
        assertThat(inherit(inventory("app", CALLER, guarded("${{ 'acme/app' == github.event.repository.full_name }}")))
                .severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void noNameOrSeveralNamesLeaveItUnknown() throws Exception {
        assertThat(inherit(inventory("a", CALLER)).severity()).isEqualTo(Severity.HIGH);
        assertThat(inherit(inventory("b", CALLER, guarded("github.repository == 'acme/app' || github.repository == 'acme/mirror'")))
                .severity()).isEqualTo(Severity.HIGH);
        // Naming a repository to skip it says nothing of this one's name; nor does an owner.
        assertThat(inherit(inventory("c", CALLER, guarded("github.repository != 'acme/app'"))).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(inherit(inventory("d", CALLER, guarded("github.repository_owner == 'acme'"))).severity())
                .isEqualTo(Severity.HIGH);
        assertThat(inherit(inventory("e", CALLER, guarded("github.repository == 'other/app'"))).severity())
                .isEqualTo(Severity.HIGH);
    }
}
