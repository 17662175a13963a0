package dev.cimatrix.fix;

import dev.cimatrix.analyze.checks.github.DependabotCooldownCheck;
import dev.cimatrix.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.cimatrix.fix.TemplateInjectionFixTest.findings;
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
        CliRun run = FixFixture.fix(root, FIXTURES.resolve("dependabot.yml"), ".github/dependabot.yml",
                DependabotCooldownCheck.ID);
        assertThat(run.err()).isEqualTo("Fixed 4 findings in 1 file.\n");
    }
}
