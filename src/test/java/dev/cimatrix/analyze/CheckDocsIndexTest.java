package dev.cimatrix.analyze;

import dev.cimatrix.catalog.Catalog;
import dev.cimatrix.catalog.CheckInfo;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/checks/README.md}, the index of the check pages, is made from the catalog: this test fails when it is
 * out of date, and with {@code -Dcimatrix.writeDocs=true} rewrites it:
 * <pre>./mvnw -q -B test -Dtest=CheckDocsIndexTest -Dcimatrix.writeDocs=true</pre>
 */
class CheckDocsIndexTest {
    private static final Path INDEX = Path.of("docs", "checks", "README.md");

    @Test
    void theIndexOfCheckPagesIsCurrent() throws IOException {
        String generated = index(Catalog.builtin());
        if (Boolean.getBoolean("cimatrix.writeDocs")) {
            Files.writeString(INDEX, generated, StandardCharsets.UTF_8);
        }
        assertThat(Files.readString(INDEX, StandardCharsets.UTF_8))
                .as("%s is out of date; regenerate with -Dcimatrix.writeDocs=true", INDEX).isEqualTo(generated);
    }

    static String index(Catalog catalog) {
        StringBuilder md = new StringBuilder("# Checks\n\n");
        md.append("Every check `cimatrix scan` runs, as the catalog (`src/main/resources/catalog/checks.yaml`) describes it. "
                + "Each page says what the check finds, why it matters, how severe and how sure its findings are, and "
                + "how to fix them. `cimatrix scan --list-checks` prints this list with a configuration applied, and "
                + "`cimatrix explain <id>` explains one check at a terminal. Severity and confidence are each check's "
                + "usual ones; every finding rates itself. A check marked `--fix` has an automatic fix "
                + "([../fixes.md](../fixes.md)).\n\n");
        md.append("This file is generated: `./mvnw -q -B test -Dtest=CheckDocsIndexTest -Dcimatrix.writeDocs=true`.\n\n");
        md.append("| check | what it finds | severity | confidence | profile | cells | fix |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (CheckInfo c : catalog.checks()) {
            md.append("| [`").append(c.id()).append("`](").append(c.id()).append(".md) | ")
                    .append(c.title().replace("|", "\\|")).append(" | ").append(c.severity().label()).append(" | ")
                    .append(c.confidence().label()).append(" | ").append(c.profile()).append(" | ")
                    .append(c.cells().stream().map(cell -> "`" + cell + "`").collect(Collectors.joining(" ")))
                    .append(" | ").append(c.fixable() ? "`--fix`" : "").append(" |\n");
        }
        return md.toString();
    }
}
