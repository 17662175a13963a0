package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
import static dev.cimatrix.fix.TemplateInjectionFixTest.lines;
import static dev.cimatrix.fix.TemplateInjectionFixTest.read;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code scan --fix} on dependabot-cooldown. */
class DependabotCooldownFixTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fix/dependabot-cooldown");

    /**
     * A cooldown block added where there is none, default-days raised where it is short, added to a cooldown of only
     * semver steps, and into a cooldown written as an empty flow mapping; the entry for security updates only is left.
     */
    @Test
    void givesEveryEntryAWeeksCooldown(@TempDir Path root) throws Exception {
        Path file = Files.createDirectories(root.resolve(".github")).resolve("dependabot.yml");
        Files.copy(FIXTURES.resolve("dependabot.yml"), file);
        CliRun run = CliRun.of("scan", "--profile", "auditor", "--fix", root.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEqualTo("Fixed 4 findings in 1 file.\n");
        assertThat(Files.readString(file)).isEqualTo(Files.readString(FIXTURES.resolve("dependabot.fixed.yml")));
        assertThat(lines(findings(read(root)), DependabotCooldownCheck.ID)).isEmpty();
    }
}
