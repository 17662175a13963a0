package dev.cimatrix.fix;

import dev.cimatrix.testing.CliRun;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
import static dev.cimatrix.fix.TemplateInjectionFixTest.lines;
import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A fix's fixture run through {@code scan --profile auditor --fix}: the file ends as its {@code .fixed} copy, the
 * check's findings left are exactly on the lines marked {@code unfixed:}, and standard error gives each marked reason.
 */
final class FixFixture {
    private FixFixture() {
    }

    /** Copies {@code fixture} to {@code target} under {@code root}, fixes, checks, and returns the run. */
    static CliRun fix(Path root, Path fixture, String target, String check) throws Exception {
        Path file = root.resolve(target);
        Files.createDirectories(file.getParent());
        Files.copy(fixture, file);
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", "--fail-on", "none", root.toString());
        String name = fixture.getFileName().toString();
        Path expected = fixture.resolveSibling(name.replaceFirst("\\.(ya?ml|groovy)$", ".fixed.$1"));
        String fixed = Files.readString(file);
        assertThat(fixed).as(run.err()).isEqualTo(Files.readString(expected));
        UnfixedMarks marks = UnfixedMarks.of(fixed);
        assertThat(lines(findings(read(root)), check)).isEqualTo(marks.lines());
        for (String reason : marks.reasons()) {
            assertThat(run.err()).contains(reason);
        }
        return run;
    }
}
