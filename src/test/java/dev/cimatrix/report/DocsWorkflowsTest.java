package dev.cimatrix.report;

import dev.cimatrix.analyze.AnalysisResult;
import dev.cimatrix.analyze.Analyzer;
import dev.cimatrix.analyze.Profile;
import dev.cimatrix.analyze.ScanConfig;
import dev.cimatrix.analyze.checks.CheckRegistry;
import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.discover.Discovery;
import dev.cimatrix.model.Inventory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The workflows and pipelines the documentation tells users to copy are ones cimatrix finds nothing in, in any profile.
 */
class DocsWorkflowsTest {
    private static final Pattern YAML_BLOCK = Pattern.compile("(?s)```yaml\n(.*?)```");
    private static final Pattern OTHER_PLATFORM = Pattern.compile("# (\\.gitlab-ci\\.yml|azure-pipelines\\.yml)\n");

    @Test
    void theCiRecipesScanClean(@TempDir Path root) throws Exception {
        String page = Files.readString(Path.of("docs/ci.md"));
        List<String> workflows = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(page);
        while (m.find()) {
            if (m.group(1).contains("\njobs:")) {
                workflows.add(m.group(1));
            }
        }
        assertThat(workflows).isNotEmpty();
        Path folder = Files.createDirectories(root.resolve(".github/workflows"));
        for (int i = 0; i < workflows.size(); i++) {
            Files.writeString(folder.resolve("recipe-" + i + ".yml"), workflows.get(i));
        }
        // The recipes of other platforms name their file on their first line: "# .gitlab-ci.yml".
        m.reset();
        int others = 0;
        while (m.find()) {
            Matcher name = OTHER_PLATFORM.matcher(m.group(1));
            if (name.lookingAt()) {
                Path other = Files.createDirectories(root.resolve("other-" + others++)).resolve(name.group(1));
                Files.writeString(other, m.group(1));
            }
        }
        assertThat(others).isEqualTo(2);
        Inventory inventory = new Discovery().discover(root, List.of(root), null);
        assertThat(inventory.problems()).isEmpty();
        assertThat(inventory.workflows()).hasSize(workflows.size());
        assertThat(inventory.gitlab()).hasSize(1);
        assertThat(inventory.azure()).hasSize(1);
        ScanConfig config = ScanConfig.defaults();
        AnalysisResult result = new Analyzer(Catalog.builtin(), CheckRegistry.all(config), config, Profile.AUDITOR,
                Set.of()).analyze(inventory);
        assertThat(result.findings()).as("findings in the documented workflows").isEmpty();
    }
}
